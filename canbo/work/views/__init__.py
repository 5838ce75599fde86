"""Pages of tasks: my tasks, a task with its actions, assigning, boards."""
