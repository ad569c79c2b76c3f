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
# **Câu hỏi.** Hòa giải ở cơ sở có giải quyết được nhiều vụ việc hơn so với năm năm trước không?
# Tỷ lệ hòa giải thành ở các tỉnh ra sao, và tỷ lệ do nguồn nêu có khớp với tỷ lệ tính lại từ số
# vụ việc và số vụ hòa giải thành không?
#
# Tỷ lệ tính lại = số vụ hòa giải thành ÷ số vụ việc × 100. Một chênh lệch được đánh dấu khi nó
# lớn hơn nửa đơn vị của chữ số cuối mà nguồn nêu (nêu 81,2 % thì dung sai là 0,05 điểm %).

# %%
from analysis import load_provinces, load_records
from analysis.metrics import distinct_years, indicator_series, mediation_rates, part_figures
from analysis.report import (
    part_figures_table,
    rates_note,
    rates_table,
    series_chart,
    series_table,
    side_by_side_chart,
)

records = load_records()
rates = mediation_rates(records)
national = indicator_series(records, "mediation_success_rate")

# %% [markdown]
# ## Cả nước qua các năm
#
# Tỷ lệ nguồn nêu (chấm) và, nếu nguồn nêu cả số vụ việc lẫn số vụ hòa giải thành, tỷ lệ tính
# lại (thoi). Cả năm và 6 tháng ở hai khung riêng.

# %%
series_chart(national)

# %%
series_table(national)

# %% [markdown]
# ## Các tỉnh cạnh nhau
#
# Tỷ lệ hòa giải thành mới nhất của mỗi tỉnh, và số vụ việc hòa giải trên 10.000 dân.

# %%
side_by_side_chart(records, "mediation_success_rate")

# %%
side_by_side_chart(records, "mediation_cases")

# %% [markdown]
# ## Số vụ việc, tỷ lệ tính lại và tỷ lệ nguồn nêu, mọi địa bàn và kỳ

# %%
rates_table(rates)

# %% [markdown]
# ## Số liệu của một phần tỉnh
#
# Vụ việc do một tổ chức (ban công tác mặt trận, hội luật gia, hội nông dân) hòa giải: không
# phải số liệu toàn tỉnh, nên không vẽ, không xếp hạng, không tính tỷ lệ cùng số toàn tỉnh.

# %%
part_figures_table(part_figures(records, ["mediation"]))

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
rates_note(rates, len(load_provinces()), distinct_years(national))

# %% [markdown]
# Các tỷ lệ cả nước do những bài báo khác nhau nêu, cho vài năm rời rạc: chúng cho thấy tỷ lệ
# hòa giải thành quanh 80–85 %, chưa đủ để nói hòa giải giải quyết được nhiều hơn năm năm trước.
# Một tỷ lệ nêu lệch với các thành phần cho thấy nguồn đã cắt bớt chữ số thay vì làm tròn, hoặc
# một trong các số đã bị chép sai — cần xem lại nguồn.
