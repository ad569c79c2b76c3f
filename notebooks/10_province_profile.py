# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (vn-justice-stats)
#     language: python
#     name: vn-justice-stats
# ---

# %% [markdown]
# # Hồ sơ số liệu tư pháp của một tỉnh, thành phố
#
# **Câu hỏi.** Các nguồn đã nêu những số liệu nào về công tác tư pháp của tỉnh này, qua những kỳ
# nào? Trên số dân, tỉnh đứng thứ mấy trong các tỉnh có cùng loại số liệu, và số liệu cả nước
# cùng kỳ là bao nhiêu?

# %% [markdown] tags=["report-hide"]
# Một notebook cho mọi tỉnh: `python -m analysis report --province "Tên tỉnh"` chạy nó với tham
# số `province` (ô được gắn thẻ `parameters`) và ghi `reports/provinces/<tên>.pdf`.

# %% tags=["parameters"]
province = "Lạng Sơn"

# %%
from analysis import load_records
from analysis.metrics import part_figures, profile_figures
from analysis.report import (
    profile_charts,
    profile_note,
    profile_parts,
    profile_table,
)

records = load_records()
profile = profile_figures(records, province)
parts = part_figures(records, jurisdiction=province)
profile_note(records, province)

# %% [markdown]
# ## Số liệu, số liệu trên số dân, hạng và số liệu cả nước cùng kỳ

# %%
profile_table(profile, province)

# %%
for shown in [*profile_charts(records, province), *profile_parts(parts)]:
    display(shown)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì
#
# Hồ sơ chỉ gồm những gì báo chí đã đưa tin về tỉnh: một chỉ tiêu không có trong bảng là chưa có
# nguồn nêu, không phải bằng không. Hạng chỉ so với các tỉnh có cùng loại số liệu trong dữ liệu
# này (thường là vài tỉnh), ở những kỳ khác nhau, nên không phải là xếp hạng chính thức. Số trên
# số dân dùng dân số 2019 cho mọi năm.
