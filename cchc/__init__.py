"""CCHC — administrative-reform monitoring for Vietnamese People's Committees."""
