# ruff: noqa: E501 -- data table: long fact texts read better unwrapped
"""ADIZ vertices, Senkaku islands, straits and median line, copied from docs/research.

All points are (lon, lat) decimal degrees computed from the DMS text in the research
notes (FACTS.md §1–§2, ADIZ.md, adiz.yaml, jadiz.yaml). Published vertices are kept
to 1e-6 degree exactly as the research prints them.
"""

# --- China East China Sea ADIZ (PRC MND via Xinhua, 23 Nov 2013) -------------------------
CHINA_ECS_POINTS = {
    "C1": (121.783333, 33.183333),  # 33°11'N 121°47'E
    "C2": (125.0, 33.183333),  # 33°11'N 125°00'E
    "C3": (128.333333, 31.0),  # 31°00'N 128°20'E
    "C4": (125.0, 25.633333),  # 25°38'N 125°00'E
    "C5": (123.0, 24.75),  # 24°45'N 123°00'E
    "C6": (120.966667, 26.733333),  # 26°44'N 120°58'E
}
# adiz.yaml derived_12nm_line_C1_to_C6 (12-nm offset of the 1996 baselines, about ±1 nm),
# interior vertices only: the line runs C1 -> these -> C6.
PRC_12NM_LINE_INTERIOR = [
    (121.8671, 33.0759),
    (122.4472, 31.5357),
    (123.3117, 30.8857),
    (123.3708, 30.8156),
    (123.3758, 30.8056),
    (123.3942, 30.7349),
    (123.382, 30.663),
    (123.1642, 30.1063),
    (123.155, 30.0862),
    (122.4829, 28.8062),
    (122.4668, 28.7804),
    (122.108, 28.2904),
    (122.1063, 28.2881),
    (122.1013, 28.2814),
    (122.0935, 28.2718),
    (121.3221, 27.3582),
]

# --- Japan JADIZ outer line, Directive No. 36 (1969), points (1)-(7), JGD2000 ------------
JADIZ_POINTS = {
    "J1": (138.746389, 45.751944),  # 45°45'07"N 138°44'47"E
    "J2": (132.997222, 40.669167),  # 40°40'09"N 132°59'50"E
    "J3": (132.997222, 37.286111),  # 37°17'10"N 132°59'50"E
    "J4": (130.4975, 36.003056),  # 36°00'11"N 130°29'51"E
    "J5": (129.797778, 35.219722),  # 35°13'11"N 129°47'52"E
    "J6": (126.998056, 33.003333),  # 33°00'12"N 126°59'53"E
    "J7": (124.998056, 33.003333),  # 33°00'12"N 124°59'53"E
}
# ADIZ.md §1c fallback (approximate, secondary blogs; NOT directive text), round values.
JADIZ_ECS_FALLBACK = {
    "F8~": (125.0, 30.0),  # south end of the ~125°E edge
    "F9~": (123.0, 28.0),  # diagonal meets 123°E (passes ~29N 124E, collinear)
    "Fsw~": (123.0, 23.0),  # south end of the 123°E edge as described
}

# --- Korea KADIZ as expanded (ROK MND 8 Dec 2013, effective 15 Dec 2013) ------------------
KADIZ_POINTS = {
    "K1": (123.5, 39.0),
    "K2": (133.0, 39.0),
    "K3": (133.0, 37.283333),  # 37°17'N 133°E (round form of JADIZ (3))
    "K4": (128.866667, 34.283333),  # 34°17'N 128°52'E
    "K5": (127.5, 32.5),
    "K6": (126.833333, 32.5),
    "K7": (125.416667, 30.0),  # printed 122°25'E; FIR vertex 125°25'E (typo corrected)
    "K8": (124.0, 30.0),
    "K9": (124.0, 37.0),
}
# FACTS.md §1c suggested ring (an inference): the Korea–Japan seam follows JADIZ J4, J5.
KADIZ_RING = ["K1", "K2", "K3", "J4", "J5", "K4", "K5", "K6", "K7", "K8", "K9"]

# --- Taiwan ADIZ (ADIZ.md §2b): T_a, T_b official; TW1~-TW3~ inferred --------------------
TAIWAN_RING = {
    "TW1~": (117.5, 21.0),
    "TW2~": (117.5, 29.0),
    "TW3~": (123.0, 29.0),
    "T_a": (123.0, 22.5),  # 22°30'N 123°00'E (official SE edge, since 1959)
    "T_b": (121.5, 21.0),  # 21°00'N 121°30'E
}

# --- ROC Taiwan Strait median line (ROC MND, 2 Dec 2013) ----------------------------------
ROC_MEDIAN_LINE = [(122.0, 27.0), (118.0, 23.0)]

# --- Senkaku islands (FACTS.md §2) --------------------------------------------------------
SENKAKU_ISLANDS = [
    {
        "id": "senkaku-uotsuri",
        "name": "Uotsuri-jima",
        "aliases": [
            "Uotsurishima",
            "Diaoyu Dao",
            "釣魚島",
            "魚釣島",
            "Diaoyutai",
            "Senkaku",
            "Diaoyu",
        ],
        "lonlat": (123.473333, 25.743333),  # 25°44.6'N 123°28.4'E
        "confidence": "high",
        "facts": "3.81 km² (MOFA); highest point 362 m (SPF island table, GSI base map; diaoyudao.org.cn gives about 362 m too).",
        "sources": ["diaoyudao_cn", "spf_senkaku", "mofa_senkaku", "diaoyudao_jp"],
    },
    {
        "id": "senkaku-kuba",
        "name": "Kuba-jima",
        "aliases": ["Kubashima", "Huangwei Yu", "黄尾屿", "久場島", "Senkaku", "Diaoyu"],
        "lonlat": (123.681667, 25.923333),  # 25°55.4'N 123°40.9'E
        "confidence": "high",
        "facts": "0.91 km², about 22 km NE of Uotsuri-jima (MOFA); 117 m high (SPF island table, GSI base map; diaoyudao.org.cn too).",
        "sources": ["diaoyudao_cn", "spf_senkaku", "mofa_senkaku", "diaoyudao_jp"],
    },
    {
        "id": "senkaku-taisho",
        "name": "Taisho-jima",
        "aliases": ["Taishojima", "Chiwei Yu", "赤尾屿", "大正島", "Senkaku", "Diaoyu"],
        "lonlat": (124.55, 25.916667),  # 25°55'N 124°33'E
        "confidence": "medium",
        "facts": "0.06 km², about 103 km E of Uotsuri-jima (MOFA); 75 m high (SPF island table, GSI base map).",
        "sources": ["spf_senkaku", "mofa_senkaku"],
    },
    {
        "id": "senkaku-kita-kojima",
        "name": "Kita-kojima",
        "aliases": ["Kitakojima", "Bei Xiaodao", "北小岛", "北小島", "Senkaku", "Diaoyu"],
        "lonlat": (123.533333, 25.716667),  # 25°43'N 123°32'E
        "confidence": "medium",
        "facts": "0.31 km² (MOFA); 125 m high (SPF island table, GSI base map).",
        "sources": ["spf_senkaku", "mofa_senkaku"],
    },
    {
        "id": "senkaku-minami-kojima",
        "name": "Minami-kojima",
        "aliases": ["Minamikojima", "Nan Xiaodao", "南小岛", "南小島", "Senkaku", "Diaoyu"],
        "lonlat": (123.55, 25.716667),  # 25°43'N 123°33'E
        "confidence": "medium",
        "facts": "0.40 km² (MOFA); 139 m high (SPF island table, GSI base map).",
        "sources": ["spf_senkaku", "mofa_senkaku"],
    },
]
SENKAKU_GROUP_ALIASES = [
    "Senkaku Islands",
    "Senkakus",
    "Diaoyu Islands",
    "Diaoyu Dao",
    "Diaoyutai",
    "尖閣諸島",
    "钓鱼岛",
]

# --- Straits: drawn as the shortest line between two coasts of the shipped basemap -------
# Each seed is a (lon, lat) inside a land polygon of geodata/basemap/region_countries_10m,
# used only to pick that polygon; the output line is computed from the coastline.
STRAITS = [
    {
        "id": "strait-korea-tsushima",
        "name": "Korea Strait",
        "aliases": [
            "Tsushima Strait",
            "Korea/Tsushima Strait",
            "Tsushima Kaikyo",
            "対馬海峡",
            "대한해협",
            "Western Channel",
            "Eastern Channel",
        ],
        "crossings": [
            ("Korea Strait western channel (Korea–Tsushima)", (128.5, 35.5), (129.3, 34.4)),
            # Tsushima to Iki: the shortest Tsushima–Kyushu line crosses Iki Island.
            ("Tsushima Strait eastern channel (Tsushima–Iki)", (129.3, 34.4), (129.72, 33.78)),
        ],
    },
    {
        "id": "strait-tsugaru",
        "name": "Tsugaru Strait",
        "aliases": ["Tsugaru Kaikyo", "津軽海峡"],
        "crossings": [("Honshu–Hokkaido", (140.9, 40.5), (142.0, 43.0))],
    },
    {
        "id": "strait-soya",
        "name": "Soya Strait",
        "aliases": [
            "La Pérouse Strait",
            "La Perouse Strait",
            "Soya Kaikyo",
            "宗谷海峡",
            "пролив Лаперуза",
        ],
        "crossings": [("Hokkaido–Sakhalin", (142.0, 43.0), (142.7, 47.0))],
    },
    {
        "id": "strait-miyako",
        "name": "Miyako Strait",
        "aliases": ["Miyako Kaikyo", "宮古海峡", "Okinawa–Miyako gap"],
        "crossings": [("Okinawa–Miyako-jima", (127.9, 26.5), (125.32, 24.78))],
    },
]

SEA_ALIASES = {
    "Sea of Japan": ["East Sea", "Japan Sea", "日本海", "동해", "Sea of Japan (East Sea)"],
    "East China Sea": ["Eastern China Sea", "Tung Hai", "Dong Hai", "东海", "東シナ海"],
}
