"""`incimap extract`: placeholder until its issue lands."""
