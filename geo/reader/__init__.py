"""The article reader: one ``Document`` per text, and stages that each add one kind of
annotation to it, in the order ``pipeline.STAGES`` declares."""
