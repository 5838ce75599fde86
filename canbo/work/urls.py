from __future__ import annotations

from django.urls import path

from canbo.work.views import actions, boards, tasks

app_name = "work"
urlpatterns = [
    path("", tasks.my_tasks, name="my_tasks"),
    path("new/", tasks.assign, name="assign"),
    path("board/", boards.board, name="board"),
    path("board/unit/<int:pk>/", boards.unit_board, name="unit_board"),
    path("<int:pk>/", tasks.detail, name="detail"),
    path("<int:pk>/progress/", actions.progress, name="progress"),
    path("<int:pk>/submit/", actions.submit, name="submit"),
    path("<int:pk>/extension/", actions.extend, name="extend"),
    path("<int:pk>/review/", actions.review, name="review"),
    path("<int:pk>/excuse/", actions.excuse, name="excuse"),
    path("<int:pk>/proposal/", actions.proposal, name="proposal"),
    path(
        "<int:pk>/extensions/<int:ext>/decide/",
        actions.decide_extension,
        name="decide_extension",
    ),
    path("evidence/<int:pk>/", tasks.evidence, name="evidence"),
]
