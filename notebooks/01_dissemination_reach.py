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
# **Câu hỏi.** Các buổi phổ biến pháp luật trực tiếp đến được với bao nhiêu người: cả nước qua
# các năm, và mỗi tỉnh trên 1.000 dân — tỉnh nào tiếp cận nhiều người hơn so với số dân?
#
# Dân số là số Tổng điều tra 1/4/2019 của tỉnh, thành. Một "lượt người" không phải một người:
# một người dự nhiều cuộc được đếm nhiều lần.

# %%
from analysis import load_provinces, load_records
from analysis.metrics import dissemination_reach, indicator_series, part_figures
from analysis.report import (
    map_chart,
    part_figures_table,
    reach_note,
    reach_table,
    series_chart,
    series_table,
    side_by_side_chart,
)

records = load_records()
reach = dissemination_reach(records)
sessions = indicator_series(records, "dissemination_sessions")
attendees = indicator_series(records, "dissemination_attendees")

# %% [markdown]
# ## Cả nước qua các năm
#
# Mỗi loại kỳ (cả năm, 6 tháng, 9 tháng) một khung với trục riêng. Giai đoạn nhiều năm là một
# vạch ngang trên các năm của nó, ở mức trung bình mỗi năm.

# %%
series_chart(attendees)

# %%
series_table(attendees)

# %%
series_chart(sessions)

# %%
series_table(sessions)

# %% [markdown]
# ## Các tỉnh cạnh nhau: lượt người dự trên 1.000 dân
#
# Mỗi tỉnh một dòng, xếp từ cao xuống thấp, số liệu mới nhất của mỗi loại kỳ; cùng một trục
# trong mỗi khung. Màu là vùng kinh tế – xã hội; chấm rỗng là cận dưới.

# %%
side_by_side_chart(records, "dissemination_attendees")

# %%
map_chart(records, "dissemination_attendees")

# %% [markdown]
# ## Mọi số liệu: số cuộc, lượt người dự và hai tỷ số

# %%
reach_table(reach)

# %% [markdown]
# ## Số liệu của một phần tỉnh hoặc của cả nước
#
# Số liệu của một huyện, một cơ quan (bộ đội biên phòng, hội luật gia…), một chiến dịch hay một
# luật (Luật Biên phòng), một nhóm người: không phải số liệu toàn tỉnh, nên không nằm trong các
# chuỗi, xếp hạng, bản đồ hay tỷ số trên số dân ở trên.

# %%
part_figures_table(part_figures(records, ["dissemination"]))

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
reach_note(reach, len(load_provinces()))

# %% [markdown]
# Nhiều số liệu phổ biến pháp luật được nêu dưới dạng "trên …", nên các tỷ số chỉ là mức tối
# thiểu. Số liệu của các tỉnh thuộc những năm khác nhau: xếp hạng chỉ cho thấy các tỉnh đã nêu
# những gì, không phải tỉnh nào làm tốt hơn trong cùng một năm. Các con số không cho biết bao
# nhiêu người khác nhau được tiếp cận, cũng không cho phép so sánh một năm với sáu tháng.
