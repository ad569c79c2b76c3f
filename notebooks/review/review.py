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
# # Duyệt số liệu trích xuất (review)
#
# Các số liệu bộ trích xuất tìm thấy (`data/candidates/`) mà chưa ai quyết định (không có trong
# `data/records/` hay `data/reviews/`), từng số một: câu và đoạn văn của nguồn, con số được tô
# đậm, cách bộ trích xuất đọc nó và vì sao. Mỗi quyết định được ghi ngay vào tệp của người duyệt,
# `data/reviews/<tên>.csv` (một dòng, không sửa dòng nào đã ghi); mở lại notebook sẽ tiếp tục
# từ chỗ đã dừng.
#
# Phím: **a** chấp nhận · **x** loại (gõ lý do, Enter) · **e i q p t l s** sửa giá trị, chỉ tiêu,
# định lượng, địa bàn, kỳ, cấp, phạm vi (Enter để lưu, cần lý do) · **n / b** tiếp / lùi · **o** mở
# nguồn · **?** tất cả các phím. Hướng dẫn: `docs/review.md`.

# %%
# Your short name: it names your file in data/reviews/ (None: $VN_JUSTICE_REVIEWER, else your login name).
reviewer = None

# %%
from analysis.review import review_view

review_view(reviewer)
