"""What every area uses: scope, audit, text folding, formatting, errors, translation."""
