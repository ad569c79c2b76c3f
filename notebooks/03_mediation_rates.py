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
# # Hòa giải ở cơ sở: tỷ lệ hòa giải thành
#
# **Câu hỏi.** Trong các vụ việc hòa giải ở cơ sở, bao nhiêu phần trăm được hòa giải thành? Tỷ lệ
# do nguồn nêu có khớp với tỷ lệ tính lại từ số vụ việc và số vụ hòa giải thành không?
#
# Tỷ lệ tính lại = số vụ hòa giải thành ÷ số vụ việc × 100. Một chênh lệch được đánh dấu khi nó
# lớn hơn nửa đơn vị của chữ số cuối mà nguồn nêu (nêu 81,2 % thì dung sai là 0,05 điểm %).

# %%
from analysis.metrics.mediation import mediation_rates, rates_chart, rates_note, rates_table
from analysis.records.load import load_records
from analysis.reference import load_provinces

records = load_records()
rates = mediation_rates(records)

# %% [markdown]
# ## Số vụ việc, tỷ lệ tính lại và tỷ lệ nguồn nêu

# %%
rates_table(rates)

# %% [markdown]
# ## Tỷ lệ hòa giải thành theo loại kỳ
#
# Cả năm và 6 tháng ở hai khung riêng.

# %%
rates_chart(rates)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
rates_note(rates, len(load_provinces()))

# %% [markdown]
# Tỷ lệ hòa giải thành chỉ tính được ở nơi nguồn nêu cả số vụ việc lẫn số vụ hòa giải thành.
# Hai kỳ của cùng một tỉnh (cả năm 2020 và 6 tháng đầu năm 2024) không đủ để nói về xu hướng;
# một tỷ lệ nêu lệch với các thành phần cho thấy nguồn đã cắt bớt chữ số thay vì làm tròn, hoặc
# một trong các số đã bị chép sai — cần xem lại nguồn.
