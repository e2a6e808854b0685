"""Editorial quality: plain Swedish (LIX) and review dates of published content."""
