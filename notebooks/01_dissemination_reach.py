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
# # Phổ biến, giáo dục pháp luật: mức độ tiếp cận
#
# **Câu hỏi.** Các buổi phổ biến pháp luật trực tiếp đến được với bao nhiêu người: bao nhiêu
# lượt người mỗi cuộc, bao nhiêu lượt người trên 1.000 dân, theo địa bàn và kỳ báo cáo?
#
# Dân số là số Tổng điều tra 1/4/2019 của tỉnh, thành; với cả nước là tổng của 63 tỉnh, thành.
# Một "lượt người" không phải một người: một người dự nhiều cuộc được đếm nhiều lần.

# %%
from analysis.metrics.dissemination import (
    dissemination_reach,
    reach_chart,
    reach_note,
    reach_table,
)
from analysis.records.load import load_records
from analysis.reference import load_provinces

records = load_records()
reach = dissemination_reach(records)

# %% [markdown]
# ## Số cuộc, lượt người dự và hai tỷ số

# %%
reach_table(reach)

# %% [markdown]
# ## Lượt người dự trên 1.000 dân
#
# Mỗi loại kỳ (cả năm, 6 tháng) một khung riêng: không quy đổi theo năm, vì không biết các buổi
# phổ biến rải đều trong năm hay không.

# %%
reach_chart(reach)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
reach_note(reach, len(load_provinces()))

# %% [markdown]
# Hầu hết số liệu phổ biến pháp luật được nêu dưới dạng "trên …", nên các tỷ số chỉ là mức tối
# thiểu. Khi cả số cuộc và số lượt người đều là cận dưới, số lượt người mỗi cuộc không nói được
# là cao hơn hay thấp hơn thực tế. Các con số không cho biết bao nhiêu người khác nhau được tiếp
# cận, cũng không cho phép so sánh một năm với sáu tháng.
