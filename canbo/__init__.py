"""canbo: management and evaluation of cadres, civil servants and public employees."""
