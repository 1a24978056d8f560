"""The dashboard's code, in rooms: data/ (load, validate, export), views/ (pure builders of what pages show),
i18n/ (string lookup and one catalogue per language), web/ (the Streamlit side: frame and custom kit)."""
