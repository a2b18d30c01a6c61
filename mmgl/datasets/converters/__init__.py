"""Converters from recorded skeleton formats into pyskl annotations (library side of
``tools/data/*_to_pkl.py``)."""
