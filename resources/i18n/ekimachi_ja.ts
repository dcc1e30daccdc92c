<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ekm::render::Legend</name>
    <message>
        <source>No data (suppressed or missing)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ekm::render::MapRenderer</name>
    <message>
        <source>Nothing to render: empty extent or size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ekm::widgets::LegendWidget</name>
    <message>
        <source>Open a project to see its legend.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ekm::widgets::MainWindow</name>
    <message>
        <source>Ekimachi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendering failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendered in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project file (GeoPackage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Full Extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station &amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese and English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Ekimachi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project with File &gt; Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ekimachi projects (*.gpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project %1 could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Ekimachi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EPSG:%1 (zone %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population (people per cell)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main road</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1: %2 mesh cells, %3 road segments, %4 stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1° N, %2° E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x %1 m, y %2 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Ekimachi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Ekimachi&lt;/b&gt; %1&lt;br&gt;Station-area smart-city GIS analysis workstation.&lt;br&gt;Population is drawn in quantile classes over the whole period with the viridis colour ramp; hatched grey cells have no data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ekm::widgets::TimeBar</name>
    <message>
        <source>One day back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One hour back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One hour forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One day forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour shown on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) %3:00 JST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No time series in this project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ekimachi: station-area GIS workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project file (.gpkg) to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a screenshot of the window after the first map render, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour to show first, in JST (2025-03-27T12:00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: ja or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size, e.g. 1400x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid --hour &apos;%1&apos;: expected YYYY-MM-DDTHH[:00] (JST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
