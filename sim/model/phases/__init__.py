"""The monthly phases of `ConflictModel.step()`, one module each, in the order they run."""
