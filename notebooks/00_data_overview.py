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
# # Tổng quan dữ liệu: độ phủ, nhất quán, bản ghi chờ duyệt
#
# **Câu hỏi.** Các bản ghi đã duyệt bao phủ những chỉ tiêu, địa bàn và kỳ báo cáo nào? Có số liệu
# nào mâu thuẫn với chính các thành phần của nó không? Còn bao nhiêu bản ghi trích xuất tự động
# đang chờ người duyệt?
#
# Dữ liệu: các bản ghi trong `data/records/` (đã kiểm tra theo hợp đồng bản ghi), nối với danh mục
# chỉ tiêu và bảng tỉnh, thành (dân số Tổng điều tra 2019).

# %%
from analysis.records.consistency import check_consistency
from analysis.metrics.coverage import (
    coverage_matrix,
    coverage_note,
    coverage_table,
    findings_table,
    pending_review,
)
from analysis.records.load import load_records
from analysis.reference import load_catalog, load_provinces

loaded = load_records(status=("reviewed", "candidate"))
records = loaded[loaded["status"] == "reviewed"]
candidates = loaded[loaded["status"] == "candidate"]
catalog = load_catalog()
n_places = len(load_provinces())

# %% [markdown]
# ## Độ phủ: chỉ tiêu × địa bàn và kỳ
#
# Mỗi ô là số bản ghi đã duyệt. Một ô có nhiều bản ghi khi nguồn tách số liệu theo cấp văn bản
# hoặc theo loại tài liệu.

# %%
coverage_table(coverage_matrix(records, catalog), records)

# %% [markdown]
# ## Kiểm tra nhất quán
#
# Tỷ lệ nguồn nêu so với tỷ lệ tính lại từ các thành phần, các nguồn cho cùng một số liệu những
# giá trị khác nhau, và trích dẫn dài quá mức hợp đồng.

# %%
findings_table(check_consistency(loaded))

# %% [markdown]
# ## Bản ghi chờ duyệt

# %%
pending_review(candidates)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
coverage_note(records, catalog, n_places)

# %% [markdown]
# Các con số trên đến từ một vài bài báo, không phải từ báo cáo thống kê chính thức: chúng cho
# thấy ngành tư pháp ở vài địa phương đã nêu những gì, nhưng không cho phép xếp hạng các tỉnh,
# không cho thấy xu hướng theo thời gian, và không đại diện cho cả nước. Các kỳ báo cáo có độ
# dài khác nhau (năm, 6 tháng, từ đầu năm đến lúc báo cáo) nên không cộng hay so sánh trực tiếp.
