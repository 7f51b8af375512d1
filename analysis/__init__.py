"""Results -> tables with confidence intervals -> figures and the paper. Never runs the model."""
