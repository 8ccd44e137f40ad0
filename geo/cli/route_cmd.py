"""`incimap route`: placeholder until its issue lands."""
