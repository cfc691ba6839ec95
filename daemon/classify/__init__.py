"""Mail × rules → Decision; training and scoring the rules on labelled corpora."""
