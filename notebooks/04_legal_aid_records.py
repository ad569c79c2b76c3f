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
# # Trợ giúp pháp lý, lý lịch tư pháp, giám định tư pháp
#
# **Câu hỏi.** Cả nước đã trợ giúp pháp lý bao nhiêu vụ việc, thụ lý bao nhiêu hồ sơ lý lịch tư
# pháp qua các năm? Trên số dân, các tỉnh đã nêu những số nào?

# %%
from analysis import load_records
from analysis.metrics import indicator_series, part_figures
from analysis.report import part_figures_table, series_chart, series_table, side_by_side_chart

records = load_records()
legal_aid = indicator_series(records, "legal_aid_cases")
judicial_records = indicator_series(records, "criminal_record_requests")

# %% [markdown]
# ## Trợ giúp pháp lý: cả nước qua các năm

# %%
series_chart(legal_aid)

# %%
series_table(legal_aid)

# %% [markdown]
# ## Lý lịch tư pháp: cả nước qua các năm

# %%
series_chart(judicial_records)

# %%
series_table(judicial_records)

# %% [markdown]
# ## Các tỉnh cạnh nhau, trên 10.000 dân

# %%
side_by_side_chart(records, "legal_aid_cases")

# %%
side_by_side_chart(records, "criminal_record_requests")

# %%
side_by_side_chart(records, "forensic_expertise_cases")

# %% [markdown]
# ## Số liệu của một phần
#
# Một loại việc (tham gia tố tụng, tư vấn), một loại phiếu, một lĩnh vực giám định, một nơi tư
# vấn: phần của một tổng, không đặt cạnh tổng của tỉnh khác.

# %%
part_figures_table(
    part_figures(records, ["legal_aid", "judicial_records", "judicial_expertise"])
)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì
#
# Một số liệu cả nước có thể gồm nhiều phần do nguồn tách ra (ví dụ số vụ việc trợ giúp pháp lý
# theo từng loại việc); bảng ghi rõ từng số và nguồn của nó. Vài năm rời rạc không đủ để nói về
# xu hướng. Số liệu của các tỉnh thuộc những năm khác nhau, nên thứ tự chỉ cho thấy các tỉnh đã
# nêu những gì.
