// progress page script (in progress)
