//! Offline suggestions: quotes with speakers, figures, claims (being written).
