<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ekm::render::Legend</name>
    <message>
        <source>No data (suppressed or missing)</source>
        <translation>データなし（秘匿または欠測）</translation>
    </message>
</context>
<context>
    <name>ekm::render::MapRenderer</name>
    <message>
        <source>Nothing to render: empty extent or size</source>
        <translation>描画対象がありません：範囲またはサイズが空です</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::LegendWidget</name>
    <message>
        <source>Open a project to see its legend.</source>
        <translation>プロジェクトを開くと凡例が表示されます。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::MainWindow</name>
    <message>
        <source>Ekimachi</source>
        <translation>駅まち</translation>
    </message>
    <message>
        <source>Rendering failed: %1</source>
        <translation>描画に失敗しました：%1</translation>
    </message>
    <message>
        <source>Rendered in %1 ms</source>
        <translation>描画 %1 ms</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>凡例</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>プロジェクトを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file (GeoPackage)</source>
        <translation>プロジェクトファイル（GeoPackage）を開きます</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>パネル(&amp;P)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Full Extent</source>
        <translation>全体表示(&amp;F)</translation>
    </message>
    <message>
        <source>Station &amp;Labels</source>
        <translation>駅名ラベル(&amp;L)</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Japanese and English</source>
        <translation>日本語と英語</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Ekimachi</source>
        <translation>駅まちについて(&amp;A)</translation>
    </message>
    <message>
        <source>Open a project with File &gt; Open Project…</source>
        <translation>「ファイル &gt; プロジェクトを開く…」でプロジェクトを開いてください</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Ekimachi projects (*.gpkg);;All files (*)</source>
        <translation>駅まちプロジェクト (*.gpkg);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 を開けませんでした</translation>
    </message>
    <message>
        <source>Could not open project</source>
        <translation>プロジェクトを開けませんでした</translation>
    </message>
    <message>
        <source>The project %1 could not be opened.</source>
        <translation>プロジェクト %1 を開けませんでした。</translation>
    </message>
    <message>
        <source>%1 — Ekimachi</source>
        <translation>%1 — 駅まち</translation>
    </message>
    <message>
        <source>EPSG:%1 (zone %2)</source>
        <translation>EPSG:%1（第%2系）</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Population (people per cell)</source>
        <translation>人口（人／メッシュ）</translation>
    </message>
    <message>
        <source>Main road</source>
        <translation>幹線道路</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街路</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Opened %1: %2 mesh cells, %3 road segments, %4 stations</source>
        <translation>%1 を開きました：メッシュ %2、道路区間 %3、駅 %4</translation>
    </message>
    <message>
        <source>%1° N, %2° E</source>
        <translation>北緯 %1°、東経 %2°</translation>
    </message>
    <message>
        <source>x %1 m, y %2 m</source>
        <translation>x %1 m、y %2 m</translation>
    </message>
    <message>
        <source>1:%1</source>
        <translation>1:%1</translation>
    </message>
    <message>
        <source>About Ekimachi</source>
        <translation>駅まちについて</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ekimachi&lt;/b&gt; %1&lt;br&gt;Station-area smart-city GIS analysis workstation.&lt;br&gt;Population is drawn in quantile classes over the whole period with the viridis colour ramp; hatched grey cells have no data.</source>
        <translation>&lt;b&gt;駅まち&lt;/b&gt; %1&lt;br&gt;駅まち・スマートシティのための GIS 分析ワークステーション。&lt;br&gt;人口は全期間の分位数による階級区分と viridis 配色で描画します。斜線の灰色のメッシュはデータがありません。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::TimeBar</name>
    <message>
        <source>One day back</source>
        <translation>1日戻る</translation>
    </message>
    <message>
        <source>One hour back</source>
        <translation>1時間戻る</translation>
    </message>
    <message>
        <source>One hour forward</source>
        <translation>1時間進む</translation>
    </message>
    <message>
        <source>One day forward</source>
        <translation>1日進む</translation>
    </message>
    <message>
        <source>Hour shown on the map</source>
        <translation>地図に表示する時刻</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>%1 (%2) %3:00 JST</source>
        <translation>%1（%2）%3:00 JST</translation>
    </message>
    <message>
        <source>No time series in this project</source>
        <translation>このプロジェクトには時系列データがありません</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>プロジェクトが開かれていません</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ekimachi: station-area GIS workstation</source>
        <translation>駅まち：駅周辺 GIS ワークステーション</translation>
    </message>
    <message>
        <source>Project file (.gpkg) to open</source>
        <translation>開くプロジェクトファイル（.gpkg）</translation>
    </message>
    <message>
        <source>Save a screenshot of the window after the first map render, then exit.</source>
        <translation>最初の地図描画後にウィンドウのスクリーンショットを保存して終了します。</translation>
    </message>
    <message>
        <source>Hour to show first, in JST (2025-03-27T12:00).</source>
        <translation>最初に表示する時刻（日本時間、2025-03-27T12:00）。</translation>
    </message>
    <message>
        <source>User interface language: ja or en.</source>
        <translation>表示言語：ja または en。</translation>
    </message>
    <message>
        <source>Window size, e.g. 1400x900.</source>
        <translation>ウィンドウサイズ（例：1400x900）。</translation>
    </message>
    <message>
        <source>Invalid --hour '%1': expected YYYY-MM-DDTHH[:00] (JST)</source>
        <translation>--hour '%1' が不正です：YYYY-MM-DDTHH[:00]（日本時間）の形式で指定してください</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 に書き込めませんでした</translation>
    </message>
</context>
</TS>