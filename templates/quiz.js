// placeholder replaced by the quiz script
