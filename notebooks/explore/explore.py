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
# # Khám phá số liệu (explorer)
#
# Chọn chỉ tiêu, nơi (cả nước, tỉnh, thành), loại kỳ và phạm vi: biểu đồ theo thời gian, các
# tỉnh cạnh nhau và bản đồ ô (kéo thanh **Kỳ (bản đồ)** để đổi kỳ) vẽ lại theo lựa chọn. Di
# chuột lên một điểm, cột hay ô: giá trị như nguồn ghi (≥, ≈), ý nghĩa của dấu, kỳ và nguồn.
# Bảng dưới cùng liệt kê đúng các số liệu đang hiện, mỗi số với đường dẫn tới nguồn của nó;
# **Tải CSV** tải đúng bảng đó. Chỉ số liệu toàn tỉnh (cả nước) được vẽ; số liệu của một địa
# bàn hay một phần chỉ được liệt kê. Hướng dẫn: `docs/explore.md`.

# %%
from analysis.explore import explorer

explorer()
