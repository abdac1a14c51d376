"""What a rule is written against, below the rules and the engine alike: the catalog (ids,
messages, option defaults), findings, the `@rule` registry, typed options and the rule's context.
It imports document and mechanisms, never checks or engine."""
