"""Event kinds keep apart from each other and from the ADIZs, also for colour-blind readers.

Simulation: Machado, Oliveira & Fernandes (2009), severity 1.0, in linear sRGB;
differences: CIE 1976 ΔE in L*a*b* (D65). Thresholds: 15 between kinds in every
vision, 20 from an ADIZ colour in normal vision and 9 in simulated vision.
"""

import itertools

import numpy as np
import pytest

from layers.map.styles import EVENT_COLOURS, SEA_BACKGROUND, country_colour

SIMULATIONS = {
    "normal": np.eye(3),
    "deutan": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "protan": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
    "tritan": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
         [0.004733, 0.691367, 0.303900]]
    ),
}  # fmt: skip
ADIZ_STATES = ("JPN", "CHN", "KOR", "TWN")


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(hex_colour: str, vision: str) -> np.ndarray:
    rgb = np.clip(SIMULATIONS[vision] @ _linear(hex_colour), 0, 1)
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    return float(np.linalg.norm(_lab(a, vision) - _lab(b, vision)))


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_every_two_kinds_stay_apart(vision):
    pairs = itertools.combinations(EVENT_COLOURS.items(), 2)
    close = [(k1, k2) for (k1, a), (k2, b) in pairs if delta_e(a, b, vision) < 15]
    assert close == []


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_no_kind_looks_like_an_adiz(vision):
    floor = 20 if vision == "normal" else 9
    close = [
        (kind, state)
        for kind, colour in EVENT_COLOURS.items()
        for state in ADIZ_STATES
        if delta_e(colour, country_colour(state), vision) < floor
    ]
    assert close == []


def test_the_measure_catches_the_old_joint_patrol_red():
    # The colour the issue reported as "nearly the Japan ADIZ crimson".
    assert delta_e("#d62728", country_colour("JPN")) < 20


def test_every_kind_shows_on_the_sea():
    assert min(delta_e(c, SEA_BACKGROUND) for c in EVENT_COLOURS.values()) > 30
