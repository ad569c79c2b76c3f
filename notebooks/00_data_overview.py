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
# # Tổng quan dữ liệu: độ phủ, nhất quán, bản ghi chờ duyệt
#
# **Câu hỏi.** Các số liệu đã duyệt bao phủ những chỉ tiêu, loại kỳ báo cáo và tỉnh, thành nào?
# Có số liệu nào mâu thuẫn với chính các thành phần của nó, hay giữa hai nguồn không? Còn bao
# nhiêu bản ghi trích xuất tự động đang chờ người duyệt?
#
# Dữ liệu: các số liệu đã được người duyệt đối chiếu với nguồn, nối với danh mục chỉ tiêu, danh
# sách tỉnh, thành (dân số Tổng điều tra 2019) và danh mục nguồn.

# %% [markdown] tags=["report-hide"]
# Các bản ghi nằm trong `data/records/` (kiểm tra theo hợp đồng bản ghi khi nạp), danh mục nguồn
# trong `data/sources.csv`.

# %%
from analysis import check_consistency, load_catalog, load_provinces, load_records
from analysis.metrics import coverage_matrix
from analysis.report import (
    coverage_map,
    coverage_note,
    coverage_table,
    findings_table,
    pending_review,
)

loaded = load_records(status=("reviewed", "candidate"))
records = loaded[loaded["status"] == "reviewed"]
candidates = loaded[loaded["status"] == "candidate"]
catalog = load_catalog()
n_places = len(load_provinces())

# %% [markdown]
# ## Độ phủ: chỉ tiêu × loại kỳ báo cáo
#
# Mỗi ô là số số liệu đã duyệt. Ba cột cuối: có bao nhiêu tỉnh, thành có số liệu của chỉ tiêu,
# bao nhiêu số liệu là của cả nước, và bao nhiêu là số liệu của một phần tỉnh (một huyện, một cơ
# quan, một chiến dịch…), không bao giờ so sánh với số toàn tỉnh.

# %%
coverage_table(coverage_matrix(records, catalog), records)

# %% [markdown]
# ## Tỉnh, thành nào có số liệu
#
# Mỗi ô vuông là một tỉnh, thành (63 đơn vị trước 1/7/2025), xếp theo vị trí trên bản đồ, tô
# theo số số liệu toàn tỉnh. Ô xám gạch chéo: chưa có số liệu toàn tỉnh nào.

# %%
coverage_map(records)

# %% [markdown]
# ## Kiểm tra nhất quán
#
# Tỷ lệ nguồn nêu so với tỷ lệ tính lại từ các thành phần, các nguồn cho cùng một số liệu những
# giá trị khác nhau, và trích dẫn dài quá mức hợp đồng.

# %%
findings_table(check_consistency(loaded))

# %% [markdown]
# ## Số liệu chờ duyệt
#
# Số liệu do máy trích xuất từ các nguồn, chưa được người duyệt đối chiếu: chưa dùng trong
# bất kỳ bảng, biểu đồ nào của báo cáo.

# %%
pending_review(candidates)

# %% [markdown]
# ## Dữ liệu cho thấy gì, và không cho thấy gì

# %%
coverage_note(records, catalog, n_places)

# %% [markdown]
# Các con số đến từ báo chí, không phải từ báo cáo thống kê chính thức: chúng cho thấy ngành tư
# pháp ở những nơi được đưa tin đã nêu những gì, không đại diện cho mọi tỉnh và mọi năm. Một ô
# trống là chưa có nguồn nêu, không phải bằng không. Các kỳ báo cáo có độ dài khác nhau (năm, 6
# tháng, 9 tháng, từ đầu năm đến lúc báo cáo, giai đoạn nhiều năm) nên không cộng hay so sánh
# trực tiếp.
