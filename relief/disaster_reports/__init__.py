"""The commune's disaster quick report (báo cáo nhanh) of Joint Circular 43/2015."""
