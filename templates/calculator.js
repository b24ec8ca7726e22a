// calculator page script (in progress)
