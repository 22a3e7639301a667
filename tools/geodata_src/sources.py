# ruff: noqa: E501 -- data table: long source titles and summaries read better unwrapped
"""Every source the catalogue cites, once, by key.

A URL is either the article's own http(s) address (as recorded in docs/research or
found with the search tool for this build), or, where the research cites an outlet
without an address, the repo path of the research note that records the citation.
"""

from tools.geodata_src.rows import RESEARCH_FACTS, note, src  # noqa: F401

RESEARCH_ADIZ = "docs/research/ADIZ.md"
RESEARCH_JADIZ = "docs/research/JADIZ-search.md"


SOURCES = {
    # --- geography, zones -------------------------------------------------------------
    "openflights": src(
        "OpenFlights airports.dat (OurAirports-derived), commit 5a03602",
        "OpenFlights (jpatokal/openflights)",
        "https://github.com/jpatokal/openflights/blob/5a0360255a5a2ff2b9f1e9cb199716da68a8a33f/data/airports.dat",
        "2025-04-29",
    ),
    "prc_ecs_adiz": src(
        "[Statement on establishing the East China Sea ADIZ, with the six points]",
        "PRC Ministry of National Defense via Xinhua (fjsen.com mirror)",
        "http://usa.fjsen.com/2013-11/23/content_13022305.htm",
        "2013-11-23",
    ),
    "prc_baselines": src(
        "[Declaration of the PRC Government on the baselines of the territorial sea]",
        "PRC Government (text at fsou.com)",
        "http://fsou.com/html/text/chl/146/14653.html",
        "1996-05-15",
    ),
    "prc_west_side_note": note(
        "3-prc-ecs-adiz-the-west-side",
        "Research note: PRC ECS ADIZ west side (12-nm line derived from 1996 baselines)",
        "project research (ADIZ.md §3)",
        doc=RESEARCH_ADIZ,
    ),
    "jadiz_directive": src(
        "防空識別圏における飛行要領に関する訓令 (Defense Agency Directive No. 36, 1969)",
        "Japan Defense Agency (ja.wikisource copy)",
        "https://ja.wikisource.org/wiki/防空識別圏における飛行要領に関する訓令",
    ),
    "jadiz_japonyol": src(
        "[Air defense identification zone: directive text]",
        "japonyol.net",
        "https://japonyol.net/editor/article/air-defense-identification-zone.html",
    ),
    "jadiz_scopedog": src(
        "[Blog post on the JADIZ, Incheon FIR and Taipei FIR lines]",
        "scopedog.hatenablog.com",
        "https://scopedog.hatenablog.com/entry/20131130/1385833416",
        "2013-11-30",
    ),
    "jadiz_sunbin": src(
        "[Japanese air defence identification zone]",
        "sun-bin.blogspot.com",
        "https://sun-bin.blogspot.com/2006/05/japanese-air-defence-identification.html",
        "2006-05-01",
    ),
    "jadiz_fallback_note": note(
        "1c-constraints-on-the-missing-part-secondary-sources-and-the-honest-fallback",
        "Research note: JADIZ East China Sea fallback vertices (approximate)",
        "project research (ADIZ.md §1c)",
        doc=RESEARCH_ADIZ,
    ),
    "kadiz_newdaily": src(
        "[KADIZ expansion: key points announced by the ROK Ministry of National Defense]",
        "NewDaily",
        "https://www.newdaily.co.kr/site/data/html/2013/12/08/2013120800033.html",
        "2013-12-08",
    ),
    "korea_eaip_enr21": src(
        "Korea eAIP ENR 2.1 FIR, UIR, TMA and CTA",
        "Korea Office of Civil Aviation (eAIP, AIRAC 2018-07-18)",
        "http://aim.koca.go.kr/eaipPub/Package/2018-07-18-AIRAC/html/eAIP/KR-ENR-2.1-en-GB.html",
    ),
    "taiwan_today_adiz": src(
        "[ROC ADIZ south-east edge since 1959]",
        "Taiwan Today",
        "https://jp.taiwantoday.tw/news_amp.php?post=71418&unit=148",
    ),
    "taiwan_adiz_note": note(
        "2b-approximate-ring-low-tw1tw3-are-my-inference-t_a-and-t_b-are-official",
        "Research note: approximate Taiwan ADIZ ring and area check",
        "project research (ADIZ.md §2b)",
        doc=RESEARCH_ADIZ,
    ),
    "roc_median_line_cna": src(
        "[ROC MND restates the Taiwan Strait median line]",
        "Central News Agency (via excite.co.jp)",
        "https://www.excite.co.jp/news/article/Jpcna_CNA_20131203_201312030003/",
        "2013-12-03",
    ),
    "spf_senkaku": src(
        "尖閣諸島の位置・面積等 (island table: latitude, longitude, height above sea level, area)",
        "Sasakawa Peace Foundation, Institute for Island Studies (heights from the GSI base map, compiled by OPRF)",
        "https://www.spf.org/islandstudies/jp/info_library/senkaku-islands-02-geo--02_geo001.html",
    ),
    "mofa_senkaku": src(
        "[Senkaku Islands: areas and positions]",
        "Ministry of Foreign Affairs of Japan",
        "http://www.mofa.go.jp/mofaj/a_o/c_m1/senkaku/page1w_000015.html",
    ),
    "diaoyudao_cn": note(
        "2-senkaku-islands",
        "Diaoyu Dao island positions at 0.1' (diaoyudao.org.cn), as cited in FACTS.md §2",
        "diaoyudao.org.cn (PRC)",
    ),
    "senkaku_zones_note": note(
        "2-senkaku-islands",
        "Research note: Senkaku territorial sea 12 nm and contiguous zone 24 nm (Japan Times 29 Dec 2024)",
        "Japan Times (cited in FACTS.md §2)",
        "2024-12-29",
    ),
    "iho_s23_note": note(
        "3-sea-of-japan--iho-s-23-1953-limits",
        "IHO S-23 Limits of Oceans and Seas, 3rd ed. 1953 (text as reproduced in mirrors)",
        "International Hydrographic Organization (cited in FACTS.md §3)",
        None,
    ),
    "natural_earth": src(
        "Natural Earth 4.1.0 admin-0 countries, 1:10m (npm world-atlas@2.0.2)",
        "Natural Earth (public domain)",
        "https://www.naturalearthdata.com/",
    ),
    "basemap_seas": src(
        "region_seas.geojson: Sea of Japan and East China Sea from IHO S-23 limits, hand-digitised",
        "project basemap (geodata/basemap/PROVENANCE.md)",
        "geodata/basemap/PROVENANCE.md",
    ),
    # --- bases ------------------------------------------------------------------------
    "bases_note": note(
        "4-bases",
        "Research note: base table (units partly from general knowledge)",
        "project research (FACTS.md §4)",
    ),
    "dod_2024_07_03": src(
        "Department of Defense Announces Modernization Plan for Tactical Aircraft Based in Japan",
        "U.S. Department of Defense (publicnow mirror)",
        "https://publicnow.com/view/F3E4A2D9E08D260B79B42460004BD6EB67DF59A2",
        "2024-07-03",
    ),
    "afa_btf_apr2025": src(
        "B-1s Deploy to Misawa for First Ever Bomber Task Force Based in Japan",
        "Air & Space Forces Magazine",
        "https://airandspaceforces.com/b-1s-japan-first-ever-bomber-task-force",
        "2025-04-15",
    ),
    "afa_btf_oct2025": src(
        "B-1 Bomber Task Force deploys to Misawa",
        "Air & Space Forces Magazine",
        "https://www.airandspaceforces.com/b-1-bomber-task-force-deploys-to-misawa-japan",
    ),
    "flyteam_59408": src(
        "[9th Air Wing at Naha; 305th Squadron moves to Nyutabaru]",
        "FlyTeam",
        "https://flyteam.jp/news/article/59408",
    ),
    "ukrainka_globalmilitary": src(
        "[Ukrainka air base: units]",
        "globalmilitary.net",
        "https://globalmilitary.net/fr/airbases/ukrainka",
    ),
    "ukrainka_note": note(
        "4-bases",
        "Militärflugplatz Ukrainka: 51°10'12\"N 128°26'42\"E (German Wikipedia mirror, cited in FACTS.md §4)",
        "Wikipedia (de) mirror",
    ),
    "wugong_wiki": src(
        "[Wugong Airbase]", "de.wiki.li (Wikipedia mirror)", "https://de.wiki.li/Wugong_Airbase"
    ),
    "leiyang_note": note(
        "4-bases",
        "8th Bomber Division (Wikipedia mirror), cited in FACTS.md §4; position is the city, not the airfield",
        "Wikipedia mirror",
    ),
    "scramble_h6_note": note(
        "4-bases",
        "Upgraded PLAAF air bases for Xian H-6 bombers (scramble.nl), cited in FACTS.md §4",
        "Scramble (scramble.nl)",
    ),
    "aviationsmilitaires_1749": src(
        "[Guiping-Mengzu airfield]",
        "aviationsmilitaires.net",
        "https://aviationsmilitaires.net/v3/kb/airfield/show/1749",
    ),
    # --- events -----------------------------------------------------------------------
    "events_note": note(
        "5-dated-events-20242026",
        "Research note: dated events 2024–2026 (FACTS.md §5)",
        "project research",
    ),
    "lbc_afp_2024_07_25": src(
        "[Russian, Chinese bombers carried out joint patrol near Alaska]",
        "LBCI / AFP",
        "https://www.lbcgroup.tv/news/world-news/785851/russian-chinese-bombers-carried-out-joint-patrol-near-alaska/en",
        "2024-07-25",
    ),
    "yomiuri_2024_08_26": src(
        "Chinese Military Aircraft Violates Japan's Airspace; 1st Time for Incursion to Be Confirmed, Announced",
        "The Japan News (Yomiuri Shimbun)",
        "https://japannews.yomiuri.co.jp/politics/defense-security/20240826-207517",
        "2024-08-26",
    ),
    "jiji_2024_08_26": src(
        "Chinese Warplane Violates Japanese Airspace for 1st Time",
        "Jiji Press via nippon.com",
        "https://www.nippon.com/en/news/yjj2024082600806/chinese-warplane-violates-japanese-airspace-for-1st-time.html",
        "2024-08-26",
    ),
    "aviation24_2024_08_26": src(
        "Japan scrambles jets after first-ever Chinese military aircraft breach of airspace",
        "aviation24.be",
        "https://www.aviation24.be/military-aircraft/japan-air-self-defense-force/japan-scrambles-jets-after-first-ever-chinese-military-aircraft-breach-of-airspace/",
        "2024-08-26",
    ),
    "defenceblog_2024_09_23": src(
        "Japanese fighters use flares to intercept Russian aircraft",
        "Defence Blog",
        "https://defence-blog.com/japanese-fighters-use-flares-to-intercept-russian-aircraft/",
    ),
    "kyodo_newsaz_2024_09_23": src(
        "Japan reports airspace violation by Russian military plane (Kyodo)",
        "News.Az / Kyodo",
        "https://news.az/news/japan-reports-airspace-violation-by-russian-military-plane",
        "2024-09-23",
    ),
    "aerotime_2024_09_23": src(
        "[Japanese fighters use flares against a Russian Il-38 over Rebun]",
        "AeroTime",
        "https://aerotime.aero/?p=106472",
    ),
    "kbs_2024_11_03": src(
        "[Trilateral air drill with a B-1B east of Jeju (Spanish service)]",
        "KBS World",
        "http://world.kbs.co.kr/service/news_view.htm?Seq_Code=91011&lang=s",
        "2024-11-03",
    ),
    "cgtn_2024_11_03_note": note(
        "5-dated-events-20242026",
        "Trilateral flight with B-1B east of Jeju (CGTN via myglobalnews), cited in FACTS.md §5",
        "CGTN",
        "2024-11-03",
    ),
    "newsmax_2024_11_30": src(
        "Russian and Chinese Bombers Conduct Joint Air Patrol",
        "Newsmax (Reuters)",
        "https://www.newsmax.com/newsfront/russia-china-bombers/2024/11/30/id/1189862/",
        "2024-11-30",
    ),
    "devdiscourse_2024_11_29": src(
        "Ninth Joint Air Patrol: Sino-Russian Military Cooperation Soars",
        "Devdiscourse",
        "https://www.devdiscourse.com/article/law-order/3175045-ninth-joint-air-patrol-sino-russian-military-cooperation-soars",
        "2024-11-29",
    ),
    "usni_2024_11_note": note(
        "5-dated-events-20242026",
        "9th China–Russia joint strategic air patrol (USNI News 29 Nov / 1 Dec 2024), cited in FACTS.md §5",
        "USNI News",
        "2024-11-29",
    ),
    "zona_2024_12_23": src(
        "[U.S. B-52H strategic bombers conducted exercises over the Sea of Japan alongside F-15J fighters]",
        "Zona Militar",
        "https://zona-militar.com/en/2024/12/23/u-s-b-52h-strategic-bombers-conducted-exercises-over-the-sea-of-japan-alongside-f-15j-fighters-from-the-self-defense-forces",
        "2024-12-23",
    ),
    "stripes_2025_03_24": src(
        "[Chinese coast guard sets record for continuous presence in Senkaku territorial waters]",
        "Stars and Stripes",
        "https://stripes.com/theaters/asia_pacific/2025-03-24/china-coast-guard-senkaku-japan-17244694.html",
        "2025-03-24",
    ),
    "focus_2025_03_28": src(
        "China's record maritime intrusion in disputed Senkaku waters raises tensions",
        "Focus",
        "https://focus-news.info/en_GB/articles/gc9/features/2025/03/28/feature-01",
        "2025-03-28",
    ),
    "yomiuri_2025_03_24": src(
        "[CCG vessels pass the 80 h 36 min record in Senkaku territorial waters]",
        "The Japan News (Yomiuri Shimbun)",
        "https://japannews.yomiuri.co.jp/politics/defense-security/20250324-244933/",
        "2025-03-24",
    ),
    "newsby_2025_04_16": src(
        "U.S. deploys B-1B Lancer bombers to Misawa Air Base in Japan",
        "news.by (citing PACAF)",
        "https://news.by/eng/news/v_mire/u-s-deploys-b-1b-lancer-bombers-to-misawa-air-base-in-japan",
        "2025-04-16",
    ),
    "japantimes_2025_05_03": src(
        "[China Coast Guard helicopter enters Japan's airspace around the Senkakus]",
        "The Japan Times",
        "https://www.japantimes.co.jp/news/2025/05/03/japan/china-coast-guard-helicopter-senkakus-airspace/",
        "2025-05-03",
    ),
    "diplomat_2025_05": src(
        "In First, China Coast Guard Helicopter Enters Japan's Airspace Near Disputed Islands",
        "The Diplomat",
        "https://thediplomat.com/2025/05/in-first-china-coast-guard-helicopter-enters-japans-airspace-near-disputed-islands-escalating-tensions/",
    ),
    "yomiuri_2025_05_04": src(
        "[Chinese helicopter from a CCG ship violates Japanese airspace near the Senkakus]",
        "The Japan News (Yomiuri Shimbun)",
        "https://japannews.yomiuri.co.jp/politics/defense-security/20250504-252648/",
        "2025-05-04",
    ),
    "flyteam_143200": src(
        "[US B-1B and JASDF F-35A bilateral training over the Sea of Japan]",
        "FlyTeam",
        "https://flyteam.jp/news/article/143200",
        "2025-05-09",
    ),
    "afa_2025_07_11": src(
        "B-52s Escorted by Korean and Japanese Fighters as Defense Chiefs Meet",
        "Air & Space Forces Magazine",
        "https://www.airandspaceforces.com/us-b-52s-escorted-south-korean-japanese-fighters-defense-chiefs-meet",
        "2025-07-11",
    ),
    "stripes_2025_07_13": src(
        "[B-52H bombers escorted by Japanese and South Korean fighters, 11 Jul 2025]",
        "Stars and Stripes",
        "https://www.stripes.com/theaters/asia_pacific/2025-07-13/bomber-flight-japan-south-korea-18435005.html",
        "2025-07-13",
    ),
    "dhakagate_2025_08": src(
        "[China and Russia launch Joint Sea-2025 naval drills near Vladivostok]",
        "Dhaka Gate",
        "https://eng.dhakagate.com/2025/08/china-and-russia-launch-joint-naval.html",
        "2025-08-03",
    ),
    "tass_2025_08_07_note": note(
        "5-dated-events-20242026",
        "Joint Sea-2025 and the 6th joint naval patrol (TASS 7 Aug 2025), cited in FACTS.md §5",
        "TASS",
        "2025-08-07",
    ),
    "stripes_2025_10_22": src(
        "[Chinese coast guard ends record 335-day presence near the Senkakus]",
        "Stars and Stripes",
        "https://www.stripes.com/theaters/asia_pacific/2025-10-22/china-coast-guard-senkaku-japan-19503582.html",
        "2025-10-22",
    ),
    "calitoday_2025_11_16": src(
        "[US B-1B Lancers in bilateral exercise with JASDF over northern Japan, 15 Nov 2025]",
        "CaliToday",
        "https://www.calitoday.net/2025/11/bone-thunder-in-pacific-us-b-1b-lancers.html",
        "2025-11-16",
    ),
    "stripes_europesays_2025_12_11": src(
        "[Japanese fighters and US B-52s make a show of force over the Sea of Japan]",
        "Stars and Stripes via europesays.com",
        "https://www.europesays.com/2626728",
        "2025-12-11",
    ),
    "yomiuri_2025_12_07": src(
        "Chinese Fighter Jet Directed Radar on to ASDF F-15 Jet over International Waters; Japan Protested China",
        "The Japan News (Yomiuri Shimbun)",
        "https://japannews.yomiuri.co.jp/politics/defense-security/20251207-296966/",
        "2025-12-07",
    ),
    "aerotime_2025_12_radar": src(
        "Japan protests Chinese J-15 radar targeting of F-15s near Okinawa",
        "AeroTime",
        "https://www.aerotime.aero/articles/japan-protests-chinese-j-15-radar-targeting-of-f-15s-near-okinawa",
    ),
    "particle_2025_12_liaoning": src(
        "Japan rejects China's account of radar illumination near Okinawa",
        "Particle News",
        "https://particle.news/story/japan-rejects-chinas-account-of-radar-illumination-near-okinawa",
    ),
    "jiji_2025_12_10": src(
        "China, Russia Bombers Fly Together off Japan's Shikoku for 1st Time",
        "Jiji Press via nippon.com",
        "https://www.nippon.com/en/news/yjj2025121000546/china-russia-bombers-fly-together-off-japan's-shikoku-for-1st-time.html",
        "2025-12-10",
    ),
    "devdiscourse_2025_12_09": src(
        "High-Altitude Alliance: Russian and Chinese Bombers in Joint Patrol",
        "Devdiscourse (Reuters)",
        "https://www.devdiscourse.com/article/law-order/3725069-high-altitude-alliance-russian-and-chinese-bombers-in-joint-patrol",
        "2025-12-09",
    ),
    "independent_2025_12_10": src(
        "Fighter jets respond to joint Russia-China air patrol",
        "The Independent",
        "https://www.the-independent.com/bulletin/news/russia-china-patrol-japan-south-korea-b2881521.html",
        "2025-12-10",
    ),
    "laodong_2025_12": src(
        "[Russian and Chinese aircraft in a joint patrol near Japan]",
        "Lao Động (French edition)",
        "https://fr.laodong.vn/the-gioi/may-bay-chien-dau-nga-trung-quoc-tuan-tra-chung-gan-nhat-ban-1623026.ldo",
    ),
    "kyodo_2025_12_15": src(
        "Japan defense minister reiterates concern over China-Russia bomber flight (Kyodo)",
        "Japan Today / Kyodo",
        "https://japantoday.com/category/politics/japan-defense-minister-reiterates-concern-over-china-russia-bomber-flight",
        "2025-12-15",
    ),
    "jiji_2025_12_11": src(
        "Japanese Jets Fly alongside U.S. Bombers in Joint Exercises",
        "Jiji Press via nippon.com",
        "https://www.nippon.com/en/news/yjj2025121100593/japanese-jets-fly-alongside-u-s-bombers-in-joint-exercises.html",
        "2025-12-11",
    ),
    "aerotime_2025_12_b52": src(
        "[Japan and US joint air drills over the Sea of Japan with B-52s]",
        "AeroTime",
        "https://www.aerotime.aero/articles/japan-us-joint-air-drills-sea-of-japan",
    ),
    "reuters_reportaz_2025_12_11": src(
        "US bombers join Japanese jets in military drills (Reuters)",
        "Report.az / Reuters",
        "https://report.az/en/other-countries/us-bombers-join-japanese-jets-in-military-drills",
        "2025-12-11",
    ),
    "ccg_2025_record_note": note(
        "2-senkaku-islands",
        "CCG in the Senkaku contiguous zone on 357 days of 2025 (Yomiuri 31 Dec 2025; The Diplomat 6 Jan 2026), cited in FACTS.md §2",
        "Yomiuri Shimbun; The Diplomat",
        "2026-01-06",
    ),
    "zona_2026_02_19": src(
        "Japanese F-15 and F-2 fighters escorted U.S. Air Force B-52H bombers in the Pacific for the first time in 2026",
        "Zona Militar",
        "https://www.zona-militar.com/en/2026/02/19/japanese-f-15-and-f-2-fighters-escorted-u-s-air-force-b-52h-bombers-in-the-pacific-for-the-first-time-in-2026",
        "2026-02-19",
    ),
    # --- aircraft figures ---------------------------------------------------------------
    "b52_range_note": note(
        "7-reference-distances-and-aircraft-figures",
        "B-52H unrefueled combat range >8,800 mi (Boeing release via jetflightpro.com, 2012), cited in FACTS.md §7",
        "Boeing / USAF fact sheet figures",
        None,
    ),
    "b1_range_note": note(
        "7-reference-distances-and-aircraft-figures",
        "B-1B range about 9,500 km (CENTCOM Citadel, 17 Dec 2024), cited in FACTS.md §7",
        "CENTCOM Citadel",
        "2024-12-17",
    ),
}

from tools.geodata_src import series  # noqa: E402 -- the researched series' sources

SOURCES = series.merge_sources(SOURCES)
