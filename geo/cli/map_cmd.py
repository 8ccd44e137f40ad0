"""`incimap map`: placeholder until its issue lands."""
