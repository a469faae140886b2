"""One module per mechanism; each is a set of small pure functions over numbers or arrays.

The model (`sim.model.ConflictModel.step`) wires them in order:
events -> perception -> domestic -> decisions -> combat -> bargaining -> alliances -> outcomes.
"""
