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
# **Câu hỏi.** Các cơ quan tư pháp đã thẩm định, góp ý, kiểm tra bao nhiêu dự thảo và văn bản,
# bao nhiêu văn bản quy phạm pháp luật được ban hành và đưa lên Cơ sở dữ liệu quốc gia về pháp
# luật, theo địa bàn, kỳ báo cáo và cấp văn bản?

# %%
from analysis.metrics.appraisal import (
    appraisal_volumes,
    volumes_chart,
    volumes_note,
    volumes_table,
)
from analysis.records.load import load_records
from analysis.reference import load_provinces

records = load_records()
volumes = appraisal_volumes(records)

# %% [markdown]
# ## Số lượng theo địa bàn, kỳ và cấp

# %%
volumes_table(volumes)

# %% [markdown]
# ## Biểu đồ theo địa bàn và kỳ
#
# Mỗi địa bàn và kỳ một khung với trục riêng: số liệu cả nước (hàng nghìn văn bản) và số liệu
# một tỉnh (hàng chục) không đặt chung một thang đo, các kỳ dài ngắn khác nhau cũng vậy.

# %%
volumes_chart(volumes)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
volumes_note(volumes, len(load_provinces()))

# %% [markdown]
# Mỗi bài báo nêu một vài chỉ tiêu khác nhau, nên gần như không có chỉ tiêu nào có số liệu cho
# nhiều địa bàn cùng một kỳ. Các con số cho thấy quy mô công việc ở từng nơi, không cho phép so
# sánh giữa các tỉnh hay theo thời gian. Khi nguồn không nêu cấp văn bản, ta không đoán.
