# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -all
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
# # Xây dựng và thẩm định văn bản: khối lượng công việc
#
# **Câu hỏi.** Công tác thẩm định, kiểm tra văn bản có tăng lên không? Cả nước đã thẩm định,
# kiểm tra, ban hành bao nhiêu dự thảo và văn bản qua các năm, và các tỉnh đã nêu những số nào,
# theo kỳ báo cáo và cấp văn bản?

# %%
from analysis import load_provinces, load_records
from analysis.metrics import appraisal_volumes, indicator_series, part_figures
from analysis.report import (
    part_figures_table,
    series_chart,
    series_table,
    volumes_note,
    volumes_table,
)

records = load_records()
volumes = appraisal_volumes(records)
checked = indicator_series(records, "docs_checked")
drafts = indicator_series(records, "appraisal_drafts")
issued = indicator_series(records, "docs_issued")

# %% [markdown]
# ## Cả nước qua các năm
#
# Mỗi loại kỳ một khung với trục riêng; mỗi cấp văn bản (trung ương, cấp tỉnh…) một màu, và
# "nguồn nêu" không kèm cấp là số nguồn nêu chung.

# %%
series_chart(checked)

# %%
series_table(checked)

# %%
series_chart(drafts)

# %%
series_table(drafts)

# %%
series_chart(issued)

# %%
series_table(issued)

# %% [markdown]
# ## Mọi số liệu theo địa bàn, kỳ và cấp

# %%
volumes_table(volumes)

# %% [markdown]
# ## Số liệu của một phần
#
# Văn bản do riêng một cơ quan kiểm tra, thẩm định (Bộ Tư pháp tự kiểm tra), của một huyện, hay
# một loại văn bản trong tổng: không phải số liệu toàn tỉnh (cả nước), nên không vẽ, không cộng.

# %%
part_figures_table(part_figures(records, ["appraisal"]))

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
volumes_note(volumes, len(load_provinces()))

# %% [markdown]
# Số liệu cả nước có ở vài năm rời rạc, do các bài báo khác nhau nêu, nên chỉ cho thấy quy mô
# công việc ở từng thời điểm, chưa đủ để khẳng định một xu hướng. Số liệu tỉnh quá ít để so sánh
# các tỉnh. Khi nguồn không nêu cấp văn bản, ta không đoán; các cấp khác nhau không được cộng.
