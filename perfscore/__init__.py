"""perfscore: budget-performance evaluation schemes as code."""
