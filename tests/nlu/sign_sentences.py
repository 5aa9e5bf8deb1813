"""Warning signs as a person types them, each with the lowest level it must reach (shared by the tests of this
package that build messages around them)."""

SIGNS = {
    "my calf is swollen red and hot": "consultation_24",
    "my foot went cold and white": "emergency_ambulance",
    "I can't feel my bum and can't pee": "emergency_ambulance",
    "my vein burst and won't stop bleeding": "emergency_ambulance",
    "my pee is dark brown after a hard workout": "emergency",
    "there's a red patch spreading and I have a fever": "emergency",
    "my cast feels too tight and the pain is unbearable": "emergency",
    "I'm short of breath and my calf is swollen": "emergency_ambulance",
    "my leg is swollen after a long flight": "emergency",
    "numbness between my legs and trouble peeing": "emergency_ambulance",
}
