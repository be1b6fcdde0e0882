"""The course's widgets (ipywidgets 7 and 8): the decision framework, its scorecard and quiz (`decision`), the cost
calculator (`cost`), and the pieces they share (`base`).

    from ftrag.widgets import CostCalculator, DecisionWidget, QuizWidget, ScorecardWidget
"""

from ftrag.widgets.cost import CostCalculator
from ftrag.widgets.decision import DecisionWidget, QuizWidget, ScorecardWidget

__all__ = ["CostCalculator", "DecisionWidget", "QuizWidget", "ScorecardWidget"]
