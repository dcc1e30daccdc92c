<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ImportFields</name>
    <message>
        <source>Date and time (ISO 8601, JST unless an offset is given)</source>
        <translation>日時（ISO 8601。オフセットがなければ JST）</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD), with an hour column</source>
        <translation>日付（YYYY-MM-DD、時の列と組み合わせ）</translation>
    </message>
    <message>
        <source>Hour 0–23 (JST)</source>
        <translation>時 0–23（JST）</translation>
    </message>
    <message>
        <source>Mesh population</source>
        <translation>メッシュ人口</translation>
    </message>
    <message>
        <source>Road segments</source>
        <translation>道路区間</translation>
    </message>
    <message>
        <source>Segment counts</source>
        <translation>区間通行量</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Station ridership</source>
        <translation>駅乗降客数</translation>
    </message>
    <message>
        <source>JIS X 0410 mesh code</source>
        <translation>JIS X 0410 メッシュコード</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Day flag (0 holidays, 1 weekdays, 2 all)</source>
        <translation>平休日区分（0 休日、1 平日、2 全日）</translation>
    </message>
    <message>
        <source>Time zone (0 daytime, 1 night, 2 all day)</source>
        <translation>時間帯区分（0 昼、1 深夜、2 終日）</translation>
    </message>
    <message>
        <source>Population (people)</source>
        <translation>人口（人）</translation>
    </message>
    <message>
        <source>Road segment id (as imported)</source>
        <translation>道路区間 ID（取り込み済みのもの）</translation>
    </message>
    <message>
        <source>Direction: both, forward or backward</source>
        <translation>方向：both、forward、backward</translation>
    </message>
    <message>
        <source>Mode: pedestrian, bicycle or vehicle</source>
        <translation>交通手段：pedestrian、bicycle、vehicle</translation>
    </message>
    <message>
        <source>Count per hour</source>
        <translation>1 時間あたりの通行量</translation>
    </message>
    <message>
        <source>Station id (as imported)</source>
        <translation>駅 ID（取り込み済みのもの）</translation>
    </message>
    <message>
        <source>Boardings per hour</source>
        <translation>1 時間あたりの乗車人員</translation>
    </message>
    <message>
        <source>Alightings per hour</source>
        <translation>1 時間あたりの降車人員</translation>
    </message>
    <message>
        <source>Segment id attribute</source>
        <translation>区間 ID の属性</translation>
    </message>
    <message>
        <source>Station id</source>
        <translation>駅 ID</translation>
    </message>
    <message>
        <source>Latitude (degrees)</source>
        <translation>緯度（度）</translation>
    </message>
    <message>
        <source>Longitude (degrees)</source>
        <translation>経度（度）</translation>
    </message>
    <message>
        <source>Name (Japanese)</source>
        <translation>名称（日本語）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英語）</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>事業者</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>路線</translation>
    </message>
</context>
<context>
    <name>ProjectLocation</name>
    <message>
        <source>%1 (PostgreSQL)</source>
        <translation>%1（PostgreSQL）</translation>
    </message>
</context>
<context>
    <name>SourcePreviewReader</name>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>CP932 (Shift_JIS)</source>
        <translation>CP932（Shift_JIS）</translation>
    </message>
    <message>
        <source>ASCII (UTF-8)</source>
        <translation>ASCII（UTF-8）</translation>
    </message>
</context>
<context>
    <name>ekm::render::BasemapLayer</name>
    <message>
        <source>Water</source>
        <translation>水域</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>公園</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>建物</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街路</translation>
    </message>
    <message>
        <source>Railway</source>
        <translation>鉄道</translation>
    </message>
</context>
<context>
    <name>ekm::render::CorridorLayer</name>
    <message>
        <source>Corridor %1</source>
        <translation>移動コース %1</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Peak volume</source>
        <translation>ピーク交通量</translation>
    </message>
    <message>
        <source>Mean volume</source>
        <translation>平均交通量</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>延長</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>リンク数</translation>
    </message>
    <message>
        <source>Corridors (移動コース)</source>
        <translation>移動コース</translation>
    </message>
    <message>
        <source>Corridor (number = rank by peak volume)</source>
        <translation>移動コース（番号＝ピーク交通量の順位）</translation>
    </message>
</context>
<context>
    <name>ekm::render::DesireLineLayer</name>
    <message>
        <source>%1 ↔ %2</source>
        <translation>%1 ↔ %2</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>ゾーン</translation>
    </message>
    <message>
        <source>Trips (both directions)</source>
        <translation>トリップ数（双方向）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Desire lines</source>
        <translation>希望線</translation>
    </message>
    <message>
        <source>Desire lines, %1</source>
        <translation>希望線（%1）</translation>
    </message>
</context>
<context>
    <name>ekm::render::EnergyBuildingsLayer</name>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>建物</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英語）</translation>
    </message>
    <message>
        <source>Cooling + heating demand</source>
        <translation>冷房＋暖房需要</translation>
    </message>
    <message>
        <source>No reading in the hour</source>
        <translation>この時刻の計測値なし</translation>
    </message>
    <message>
        <source>%1 kWh/h</source>
        <translation>%1 kWh/h</translation>
    </message>
</context>
<context>
    <name>ekm::render::FlowBandLayer</name>
    <message>
        <source>Zone connector</source>
        <translation>ゾーンコネクタ</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>交通量</translation>
    </message>
    <message>
        <source>Travel time</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Volume / capacity</source>
        <translation>混雑度（交通量／容量）</translation>
    </message>
    <message>
        <source>uncongested</source>
        <translation>混雑なし</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>交通容量</translation>
    </message>
    <message>
        <source>Network link</source>
        <translation>ネットワークリンク</translation>
    </message>
    <message>
        <source>Flow (band width)</source>
        <translation>交通量（帯の幅）</translation>
    </message>
    <message>
        <source>Flow (band width), %1</source>
        <translation>交通量（帯の幅、%1）</translation>
    </message>
    <message>
        <source>No capacity limit</source>
        <translation>容量制約なし</translation>
    </message>
    <message>
        <source>Volume classes</source>
        <translation>交通量の階級</translation>
    </message>
</context>
<context>
    <name>ekm::render::GapReasonsLayer</name>
    <message>
        <source>No bus stop within reach</source>
        <translation>徒歩圏にバス停なし</translation>
    </message>
    <message>
        <source>No departure in the hour</source>
        <translation>この時間に発車なし</translation>
    </message>
    <message>
        <source>No gap in the hour</source>
        <translation>この時間は交通空白ではない</translation>
    </message>
</context>
<context>
    <name>ekm::render::HeatmapLayer</name>
    <message>
        <source>0 – %1 per km² (radius %2 m)</source>
        <translation>0 – %1 /km²（半径 %2 m）</translation>
    </message>
    <message>
        <source>Low – high (radius %1 m)</source>
        <translation>低 – 高（半径 %1 m）</translation>
    </message>
</context>
<context>
    <name>ekm::render::Legend</name>
    <message>
        <source>No data (suppressed or missing)</source>
        <translation>データなし（秘匿または欠測）</translation>
    </message>
</context>
<context>
    <name>ekm::render::LinkDifferenceLayer</name>
    <message>
        <source>Added link</source>
        <translation>追加リンク</translation>
    </message>
    <message>
        <source>Base volume</source>
        <translation>基準ケースの交通量</translation>
    </message>
    <message>
        <source>(new link)</source>
        <translation>（新設リンク）</translation>
    </message>
    <message>
        <source>Scenario volume</source>
        <translation>シナリオの交通量</translation>
    </message>
    <message>
        <source>(closed)</source>
        <translation>（通行止め）</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差</translation>
    </message>
    <message>
        <source>Scenario − base</source>
        <translation>シナリオ − 基準ケース</translation>
    </message>
    <message>
        <source>Scenario − base, %1</source>
        <translation>シナリオ − 基準ケース（%1）</translation>
    </message>
    <message>
        <source>|Difference| (band width)</source>
        <translation>|差|（帯の幅）</translation>
    </message>
    <message>
        <source>Base travel time</source>
        <translation>基準ケースの所要時間</translation>
    </message>
    <message>
        <source>Scenario travel time</source>
        <translation>シナリオの所要時間</translation>
    </message>
    <message>
        <source>Travel time difference</source>
        <translation>所要時間の差</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Scenario − base travel time</source>
        <translation>シナリオ − 基準ケースの所要時間</translation>
    </message>
    <message>
        <source>Scenario − base travel time, %1</source>
        <translation>シナリオ − 基準ケースの所要時間（%1）</translation>
    </message>
    <message>
        <source>Closed (dashed)</source>
        <translation>通行止め（破線）</translation>
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
    <name>ekm::render::RasterBasemapLayer</name>
    <message>
        <source>Offline raster: %1 (%2)</source>
        <translation>オフラインラスタ：%1（%2）</translation>
    </message>
</context>
<context>
    <name>ekm::render::RoadSegmentsLayer</name>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>Unnamed road (segment %1)</source>
        <translation>名称のない道路（区間 %1）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（名称なし）</translation>
    </message>
    <message>
        <source>Road class</source>
        <translation>道路種別</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>通行量</translation>
    </message>
    <message>
        <source>No count</source>
        <translation>通行量データなし</translation>
    </message>
    <message>
        <source>Main road</source>
        <translation>幹線道路</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街路</translation>
    </message>
</context>
<context>
    <name>ekm::render::StationsLayer</name>
    <message>
        <source>Name (Japanese)</source>
        <translation>名称（日本語）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英語）</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>事業者</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>路線</translation>
    </message>
    <message>
        <source>Boardings</source>
        <translation>乗車人員</translation>
    </message>
    <message>
        <source>Alightings</source>
        <translation>降車人員</translation>
    </message>
    <message>
        <source>Boardings + alightings</source>
        <translation>乗降人員</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Boardings + alightings per hour</source>
        <translation>1 時間あたりの乗降人員</translation>
    </message>
</context>
<context>
    <name>ekm::render::StopReachLayer</name>
    <message>
        <source>No bus stop within reach</source>
        <translation>徒歩圏にバス停なし</translation>
    </message>
</context>
<context>
    <name>ekm::render::TransitStopsLayer</name>
    <message>
        <source>%1 departures</source>
        <translation>%1 便</translation>
    </message>
    <message>
        <source>Stop id</source>
        <translation>停留所ID</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称 (英語)</translation>
    </message>
    <message>
        <source>Departures in the hour</source>
        <translation>この時間の発車便数</translation>
    </message>
    <message>
        <source>Departures in the day</source>
        <translation>1日の発車便数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Bus departures per hour</source>
        <translation>バス発車便数 (1時間あたり)</translation>
    </message>
    <message>
        <source>no departure</source>
        <translation>発車なし</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::CandidatePanel</name>
    <message>
        <source>Draw on Map</source>
        <translation>地図上に描く</translation>
    </message>
    <message>
        <source>Click the stops in order on the map; Backspace removes the last, Esc cancels, a double click or Enter finishes</source>
        <translation>地図上で停留所を順にクリックします。Backspace で最後の停留所を取り消し、Esc で中止、ダブルクリックまたは Enter で確定します</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停留所</translation>
    </message>
    <message>
        <source>Existing stop</source>
        <translation>既存の停留所</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>The candidate&apos;s route id (must differ from the feed&apos;s route ids)</source>
        <translation>候補路線の路線 ID(フィードの路線 ID と重複しないこと)</translation>
    </message>
    <message>
        <source>Route id</source>
        <translation>路線 ID</translation>
    </message>
    <message>
        <source>Candidate route</source>
        <translation>候補路線</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Headway</source>
        <translation>運行間隔</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <source>Service span</source>
        <translation>運行時間帯</translation>
    </message>
    <message>
        <source> km/h</source>
        <translation> km/h</translation>
    </message>
    <message>
        <source>Average speed along the line including stops (ride time = distance / speed)</source>
        <translation>停車時間を含む路線上の平均速度(乗車時間 = 距離 ÷ 速度)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>往復運行</translation>
    </message>
    <message>
        <source>Estimate Riders</source>
        <translation>利用者数を推計</translation>
    </message>
    <message>
        <source>Riders by hour, riders gained and coverage of the candidate beside the feed&apos;s network (mobility-route-demand)</source>
        <translation>既存路線網に候補路線を加えたときの時間帯別利用者数・純増利用者数・カバー人口(mobility-route-demand)</translation>
    </message>
    <message>
        <source>Save as GeoJSON…</source>
        <translation>GeoJSON として保存…</translation>
    </message>
    <message>
        <source>The candidate route file for the CLI (--candidate) and scenario files</source>
        <translation>CLI(--candidate)とシナリオファイルで使える候補路線ファイル</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message numerus="yes">
        <source>%n stop(s) drawn. Fill in the service and estimate the riders.</source>
        <translation>
            <numerusform>%n 停留所を描きました。運行条件を入力して利用者数を推計してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>描画を中止しました。</translation>
    </message>
    <message>
        <source>Click the stops in order on the map (a click near a bus stop takes that stop). Backspace removes the last stop, Esc cancels, a double click or Enter finishes.</source>
        <translation>地図上で停留所を順にクリックしてください(既存のバス停の近くをクリックするとそのバス停を使います)。Backspace で最後の停留所を取り消し、Esc で中止、ダブルクリックまたは Enter で確定します。</translation>
    </message>
    <message>
        <source>New stop %1</source>
        <translation>新設停留所 %1</translation>
    </message>
    <message>
        <source>Candidate route: %1</source>
        <translation>候補路線: %1</translation>
    </message>
    <message>
        <source>Save Candidate Route</source>
        <translation>候補路線を保存</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Saved %1 (ekimachi-cli mobility route-demand --candidate FILE).</source>
        <translation>%1 を保存しました(ekimachi-cli mobility route-demand --candidate FILE)。</translation>
    </message>
    <message>
        <source>The candidate needs a route id.</source>
        <translation>候補路線には路線 ID が必要です。</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the candidate file.</source>
        <translation>候補路線ファイル用の一時フォルダを作成できません。</translation>
    </message>
    <message>
        <source>Estimating the candidate&apos;s riders…</source>
        <translation>候補路線の利用者数を推計しています…</translation>
    </message>
    <message>
        <source>Candidate route demand</source>
        <translation>候補路線の需要推計</translation>
    </message>
    <message>
        <source>Riders per day</source>
        <translation>1日の利用者数</translation>
    </message>
    <message>
        <source>Riders gained by the network</source>
        <translation>路線網全体の純増利用者数</translation>
    </message>
    <message>
        <source>Riders taken from other routes</source>
        <translation>他路線からの転換利用者数</translation>
    </message>
    <message>
        <source>Peak hour</source>
        <translation>ピーク時間帯</translation>
    </message>
    <message>
        <source>Riders in the peak hour</source>
        <translation>ピーク時間帯の利用者数</translation>
    </message>
    <message>
        <source>Could not board (full)</source>
        <translation>満車で乗れなかった需要</translation>
    </message>
    <message>
        <source>Trips per day</source>
        <translation>1日の便数</translation>
    </message>
    <message>
        <source>Vehicle-hours</source>
        <translation>車両時間</translation>
    </message>
    <message>
        <source>Riders per vehicle-hour</source>
        <translation>車両時間あたり利用者数</translation>
    </message>
    <message>
        <source>Population covered</source>
        <translation>カバー人口</translation>
    </message>
    <message>
        <source>Newly covered population</source>
        <translation>新たにカバーされる人口</translation>
    </message>
    <message>
        <source>Service %1, demand of %2, bus constant %3 min (%4). %5</source>
        <translation>運行日 %1、需要 %2、バス定数 %3 分(%4)。%5</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ChartPanel</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像（*.png）</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 図（*.svg）</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文書（*.pdf）</translation>
    </message>
    <message>
        <source>Unknown chart format &quot;%1&quot;: use .png, .svg or .pdf</source>
        <translation>不明なグラフ形式「%1」です。.png、.svg、.pdf のいずれかにしてください</translation>
    </message>
    <message>
        <source>Ekimachi chart</source>
        <translation>駅まちのグラフ</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 に書き込めません</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ChartsPanel</name>
    <message>
        <source>Chart series</source>
        <translation>グラフの系列</translation>
    </message>
    <message>
        <source>Features added from the Inspector (&quot;Add to chart&quot;)</source>
        <translation>インスペクターから追加した地物（「チャートに追加」）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>すべて削除</translation>
    </message>
    <message>
        <source>Series over time</source>
        <translation>時系列</translation>
    </message>
    <message>
        <source>Hour-of-day profiles by day type</source>
        <translation>曜日種別ごとの時間帯プロファイル</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>チャート:</translation>
    </message>
    <message>
        <source>Period (JST):</source>
        <translation>期間（JST）:</translation>
    </message>
    <message>
        <source>All day types</source>
        <translation>すべての曜日種別</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>平日</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>土曜</translation>
    </message>
    <message>
        <source>Sunday/holiday</source>
        <translation>日曜・祝日</translation>
    </message>
    <message>
        <source>P10–P90 band</source>
        <translation>P10–P90 の帯</translation>
    </message>
    <message>
        <source>Profiles:</source>
        <translation>プロファイル:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV に書き出し…</translation>
    </message>
    <message>
        <source>Add features with &quot;Add to chart&quot; in the Inspector.</source>
        <translation>インスペクターの「チャートに追加」で地物を追加してください。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>読み込みをキャンセルしました。</translation>
    </message>
    <message>
        <source>The series could not be read: %1</source>
        <translation>時系列を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>%1 P10–P90</source>
        <translation>%1 P10–P90</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 〜 %2</translation>
    </message>
    <message>
        <source>%1: no values in this period.</source>
        <translation>%1: この期間に値がありません。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>チャートのデータを書き出し</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::CityOsImportDialog</name>
    <message>
        <source>Import from City OS (NGSI-LD)</source>
        <translation>都市OSから取り込み（NGSI-LD）</translation>
    </message>
    <message>
        <source>People and traffic counts (CrowdFlowObserved, TrafficFlowObserved, ItemFlowObserved) from the city OS&apos;s NGSI-LD broker become counts on the project&apos;s road segments and stations. The bearer token is read from EKM_NGSI_LD_TOKEN or the config file, never typed here.</source>
        <translation>都市OSの NGSI-LD ブローカーにある人流・交通量（CrowdFlowObserved、TrafficFlowObserved、ItemFlowObserved）を、プロジェクトの道路区間と駅の観測値として取り込みます。Bearer トークンは EKM_NGSI_LD_TOKEN または設定ファイルから読み、ここには入力しません。</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>照合結果</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>エンティティ</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Distance (m)</source>
        <translation>距離（m）</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>観測数</translation>
    </message>
    <message>
        <source>First entities</source>
        <translation>先頭のエンティティ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>取り込み(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel Task</source>
        <translation>タスクを取り消す</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>City OS settings</source>
        <translation>都市OSの設定</translation>
    </message>
    <message>
        <source>Settings of the last pull (%1) loaded.</source>
        <translation>前回の取得（%1）の設定を読み込みました。</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>先にプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>Asking the broker for a preview…</source>
        <translation>ブローカーにプレビューを問い合わせています…</translation>
    </message>
    <message>
        <source>Importing from the broker…</source>
        <translation>ブローカーから取り込んでいます…</translation>
    </message>
    <message>
        <source>Cancelled; the project is unchanged.</source>
        <translation>取り消しました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <source>City OS preview from %1</source>
        <translation>都市OSプレビュー（%1）</translation>
    </message>
    <message>
        <source>City OS import from %1</source>
        <translation>都市OS取り込み（%1）</translation>
    </message>
    <message>
        <source>Preview: %1 entities on %2 page(s); %3 segment hours and %4 station hours would be stored (%5 partial hours). Nothing was stored.</source>
        <translation>プレビュー：%2 ページで %1 エンティティ。区間 %3 時間分・駅 %4 時間分が保存される予定です（一部のみ観測された時間 %5）。何も保存していません。</translation>
    </message>
    <message>
        <source>Imported %1 entities: %2 segment hours and %3 station hours stored (%4 partial hours).</source>
        <translation>%1 エンティティを取り込みました：区間 %2 時間分・駅 %3 時間分を保存（一部のみ観測された時間 %4）。</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>区間</translation>
    </message>
    <message>
        <source>station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>refRoadSegment</source>
        <translation>refRoadSegment（区間ID）</translation>
    </message>
    <message>
        <source>nearest segment</source>
        <translation>最寄りの区間</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>未照合</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message numerus="yes">
        <source>%n entities match nothing (flagged in the table): the import would fail on them.</source>
        <translation>
            <numerusform>%n 件のエンティティがどこにも照合されません（表に示しています）。取り込みはこれらで失敗します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partial hour(s) already in the project were added to (the flag is cleared once an hour is complete).</source>
        <translation>
            <numerusform>プロジェクトにあった部分観測の時刻 %n 件に加算しました（時刻がすべて観測されるとフラグは消えます）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ComparisonDock</name>
    <message>
        <source>Comparison</source>
        <translation>期間比較</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Period A:</source>
        <translation>期間 A：</translation>
    </message>
    <message>
        <source>Period B:</source>
        <translation>期間 B：</translation>
    </message>
    <message>
        <source>Absolute change (people per day)</source>
        <translation>増減（人／日）</translation>
    </message>
    <message>
        <source>Relative change (%)</source>
        <translation>増減率（%）</translation>
    </message>
    <message>
        <source>Map:</source>
        <translation>地図：</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 出力…</translation>
    </message>
    <message>
        <source>Open a project to compare periods.</source>
        <translation>期間を比較するにはプロジェクトを開いてください。</translation>
    </message>
    <message numerus="yes">
        <source>%n mesh cells.</source>
        <translation>
            <numerusform>メッシュ %n 個。</numerusform>
        </translation>
    </message>
    <message>
        <source>The project has no mesh cells.</source>
        <translation>このプロジェクトにはメッシュがありません。</translation>
    </message>
    <message>
        <source>Each period must start on or before its last day.</source>
        <translation>各期間の開始日は終了日以前にしてください。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較中…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比較をキャンセルしました。</translation>
    </message>
    <message>
        <source>Comparison failed.</source>
        <translation>比較に失敗しました。</translation>
    </message>
    <message>
        <source>Comparison failed</source>
        <translation>比較に失敗しました</translation>
    </message>
    <message>
        <source>The periods could not be compared.</source>
        <translation>期間を比較できませんでした。</translation>
    </message>
    <message>
        <source>%1 cells compared, %2 with a significant change (p &lt; 0.05).</source>
        <translation>%1 メッシュを比較、うち %2 メッシュで有意な変化（p &lt; 0.05）。</translation>
    </message>
    <message>
        <source>Comparison B − A</source>
        <translation>期間比較 B − A</translation>
    </message>
    <message>
        <source>Change B − A (%)</source>
        <translation>増減 B − A（%）</translation>
    </message>
    <message>
        <source>Change B − A (people per day)</source>
        <translation>増減 B − A（人／日）</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 に出力しました</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>出力に失敗しました</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした：%2</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>期間比較を出力</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Comparison of periods A and B</source>
        <translation>期間 A と B の比較</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ComparisonLayers</name>
    <message>
        <source>%1: %2 B − A</source>
        <translation>%1: %2 B − A</translation>
    </message>
    <message>
        <source>%1 (B − A)</source>
        <translation>%1 (B − A)</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>実行 %1: %2</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ComparisonPanel</name>
    <message>
        <source>Changed only</source>
        <translation>変化のみ</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>The column whose B − A the map shows</source>
        <translation>地図に B − A を表示する列</translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>地図に表示</translation>
    </message>
    <message>
        <source>Show B − A of the column for the table&apos;s mesh cells or road segments as a layer</source>
        <translation>テーブルのメッシュセルまたは道路区間について、列の B − A をレイヤとして表示します</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Write one CSV per table and GeoJSON difference layers into a folder</source>
        <translation>テーブルごとの CSV と GeoJSON の差分レイヤをフォルダに書き出します</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>All tables</source>
        <translation>すべてのテーブル</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n changed)</source>
        <translation>
            <numerusform>%1 (%n 件変化)</numerusform>
        </translation>
    </message>
    <message>
        <source>A: run %1 (%2)  →  B: run %3 (%4)</source>
        <translation>A: 実行 %1 (%2)  →  B: 実行 %3 (%4)</translation>
    </message>
    <message>
        <source>Select two runs in the Runs tab and press Compare.</source>
        <translation>「実行」タブで実行を2つ選び、「比較」を押してください。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ComparisonTableModel</name>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Mesh code</source>
        <translation>メッシュコード</translation>
    </message>
    <message>
        <source>Mean A</source>
        <translation>平均 A</translation>
    </message>
    <message>
        <source>Mean B</source>
        <translation>平均 B</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>% change</source>
        <translation>増減率</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p 値</translation>
    </message>
    <message>
        <source>Significant</source>
        <translation>有意</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ConvergencePlot</name>
    <message>
        <source>Relative gap (TSTT − SPTT) / TSTT after each iteration, log scale</source>
        <translation>各反復後の相対ギャップ (TSTT − SPTT) / TSTT（対数目盛）</translation>
    </message>
    <message>
        <source>Relative gap (log scale)</source>
        <translation>相対ギャップ（対数目盛）</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>反復回数</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目標</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::CoverageOptions</name>
    <message>
        <source>Walking distance (m)</source>
        <translation>徒歩距離（m）</translation>
    </message>
    <message>
        <source>Walking time (min)</source>
        <translation>徒歩時間（分）</translation>
    </message>
    <message>
        <source>Reach of a bus stop along the walking network, in metres or minutes</source>
        <translation>歩行者ネットワーク上のバス停の徒歩圏（メートルまたは分）</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>尺度</translation>
    </message>
    <message>
        <source>Stop reach</source>
        <translation>バス停の徒歩圏</translation>
    </message>
    <message>
        <source>Rail tracks are barriers</source>
        <translation>線路を横断不可とする</translation>
    </message>
    <message>
        <source>Slope-aware walking</source>
        <translation>坂道を考慮した徒歩</translation>
    </message>
    <message>
        <source>Walking minutes slowed uphill by Tobler&apos;s hiking function where the walking network has heights</source>
        <translation>歩行者ネットワークに標高がある区間では、上り坂の徒歩時間を Tobler のハイキング関数で遅くします</translation>
    </message>
    <message>
        <source>The rail tracks of basemap_rail.geojson beside the project cut the walking network except at level crossings, bridges and underpasses</source>
        <translation>プロジェクトと同じフォルダの basemap_rail.geojson の線路が、踏切・橋・地下道を除いて歩行者ネットワークを分断します</translation>
    </message>
    <message>
        <source>No basemap_rail.geojson beside the project: the walking network has no barriers</source>
        <translation>プロジェクトと同じフォルダに basemap_rail.geojson がないため、歩行者ネットワークに横断不可の線はありません</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Walking time to a bus stop along the walking network</source>
        <translation>歩行者ネットワーク上のバス停までの徒歩時間</translation>
    </message>
    <message>
        <source>Walking distance to a bus stop along the walking network</source>
        <translation>歩行者ネットワーク上のバス停までの徒歩距離</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::DemandDock</name>
    <message>
        <source>List OD periods</source>
        <translation>OD 期間の一覧</translation>
    </message>
    <message>
        <source>Demand model and assignment</source>
        <translation>需要モデルと配分</translation>
    </message>
    <message>
        <source>Demand scenario</source>
        <translation>需要シナリオ</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Assigning: iteration %1, relative gap %2</source>
        <translation>配分中：反復 %1 回目、相対ギャップ %2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>OD matrix</source>
        <translation>OD表</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Build zones and network, estimate the OD matrix and assign it (in the background)</source>
        <translation>ゾーンとネットワークを作成し、OD表を推計して配分します（バックグラウンドで実行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Open a project to model demand.</source>
        <translation>需要を推計するにはプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>ゾーン</translation>
    </message>
    <message>
        <source>Mesh cells aggregated</source>
        <translation>メッシュを集約</translation>
    </message>
    <message>
        <source>Station catchments</source>
        <translation>駅勢圏</translation>
    </message>
    <message>
        <source>Polygons from a file</source>
        <translation>ファイルのポリゴン</translation>
    </message>
    <message>
        <source>Points from a CSV file (zone,lon,lat)</source>
        <translation>CSV ファイルの点（zone,lon,lat）</translation>
    </message>
    <message>
        <source>Zones from:</source>
        <translation>ゾーンの作成元：</translation>
    </message>
    <message>
        <source>1 km (3rd mesh)</source>
        <translation>1 km（3次メッシュ）</translation>
    </message>
    <message>
        <source>500 m (1/2 mesh)</source>
        <translation>500 m（2分の1地域メッシュ）</translation>
    </message>
    <message>
        <source>250 m (1/4 mesh)</source>
        <translation>250 m（4分の1地域メッシュ）</translation>
    </message>
    <message>
        <source>Cell size:</source>
        <translation>メッシュサイズ：</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Catchment radius:</source>
        <translation>駅勢圏の半径：</translation>
    </message>
    <message>
        <source>GeoPackage, GeoJSON, Shapefile…</source>
        <translation>GeoPackage、GeoJSON、シェープファイル…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>id field</source>
        <translation>ID フィールド</translation>
    </message>
    <message>
        <source>Zone file:</source>
        <translation>ゾーンのファイル：</translation>
    </message>
    <message>
        <source>Trip ends &amp;&amp; OD</source>
        <translation>発生集中量と OD</translation>
    </message>
    <message>
        <source>Gravity model from trip ends</source>
        <translation>発生集中量からの重力モデル</translation>
    </message>
    <message>
        <source>OD matrix in the project</source>
        <translation>プロジェクト内の OD表</translation>
    </message>
    <message>
        <source>OD matrix from a CSV file</source>
        <translation>CSV ファイルの OD表</translation>
    </message>
    <message>
        <source>OD from:</source>
        <translation>OD の取得元：</translation>
    </message>
    <message>
        <source>:00</source>
        <translation>:00</translation>
    </message>
    <message>
        <source>JST</source>
        <translation>JST</translation>
    </message>
    <message>
        <source>Hours:</source>
        <translation>時間帯：</translation>
    </message>
    <message>
        <source>Trip ends from stay-population changes between consecutive hours of this span, and station ridership in its hours</source>
        <translation>この時間帯の連続する時刻間の滞在人口の変化と、時間帯内の駅乗降人員から発生集中量を求めます</translation>
    </message>
    <message>
        <source>Stay-population changes</source>
        <translation>滞在人口の変化</translation>
    </message>
    <message>
        <source>Station ridership</source>
        <translation>駅乗降人員</translation>
    </message>
    <message>
        <source>Trip ends:</source>
        <translation>発生集中量：</translation>
    </message>
    <message>
        <source>Exponential exp(−β t)</source>
        <translation>指数型 exp(−β t)</translation>
    </message>
    <message>
        <source>Power t^−α</source>
        <translation>べき乗型 t^−α</translation>
    </message>
    <message>
        <source>Combined (Tanner) t^α exp(−β t)</source>
        <translation>複合型（Tanner）t^α exp(−β t)</translation>
    </message>
    <message>
        <source>Deterrence:</source>
        <translation>抵抗関数：</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>パラメータ：</translation>
    </message>
    <message>
        <source>Calibrate to a mean trip time (Hyman):</source>
        <translation>平均所要時間に合わせて較正（Hyman 法）：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期間：</translation>
    </message>
    <message>
        <source>origin,destination,trips</source>
        <translation>origin,destination,trips</translation>
    </message>
    <message>
        <source>CSV file:</source>
        <translation>CSV ファイル：</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>配分</translation>
    </message>
    <message>
        <source>Walking (pedestrian network)</source>
        <translation>徒歩（歩行者ネットワーク）</translation>
    </message>
    <message>
        <source>Road (one-way rules, capacities)</source>
        <translation>道路（一方通行規制・交通容量）</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>ネットワーク：</translation>
    </message>
    <message>
        <source>optional: rail lines with barrier=1</source>
        <translation>任意：barrier=1 の鉄道路線</translation>
    </message>
    <message>
        <source>Barriers:</source>
        <translation>障壁：</translation>
    </message>
    <message>
        <source>Algorithm B (bush-based)</source>
        <translation>Algorithm B（bush ベース）</translation>
    </message>
    <message>
        <source>Bi-conjugate Frank-Wolfe</source>
        <translation>双共役 Frank-Wolfe 法</translation>
    </message>
    <message>
        <source>Frank-Wolfe</source>
        <translation>Frank-Wolfe 法</translation>
    </message>
    <message>
        <source>All-or-nothing</source>
        <translation>オールオアナッシング</translation>
    </message>
    <message>
        <source>Algorithm:</source>
        <translation>アルゴリズム：</translation>
    </message>
    <message>
        <source>Relative gap:</source>
        <translation>相対ギャップ：</translation>
    </message>
    <message>
        <source>Max. iterations:</source>
        <translation>最大反復回数：</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.json *.shp);;All files (*)</source>
        <translation>ベクターファイル (*.gpkg *.geojson *.json *.shp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV ファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>No results yet.</source>
        <translation>まだ結果がありません。</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source> pt per 1,000 trips</source>
        <translation> pt／1,000 トリップ</translation>
    </message>
    <message>
        <source>Band and desire-line width per 1,000 trips; the legend shows reference widths</source>
        <translation>1,000 トリップあたりの帯と希望線の幅。凡例に基準となる幅を表示します</translation>
    </message>
    <message>
        <source>Width scale:</source>
        <translation>線幅の倍率：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Desire lines (largest):</source>
        <translation>希望線（上位）：</translation>
    </message>
    <message>
        <source>Colour by volume / capacity (road network)</source>
        <translation>混雑度（交通量／容量）で色分け（道路ネットワーク）</translation>
    </message>
    <message>
        <source>Update map</source>
        <translation>地図を更新</translation>
    </message>
    <message>
        <source>Peak volume</source>
        <translation>ピーク交通量</translation>
    </message>
    <message>
        <source>Mean volume</source>
        <translation>平均交通量</translation>
    </message>
    <message>
        <source>Length (m)</source>
        <translation>延長（m）</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>リンク数</translation>
    </message>
    <message>
        <source>Main movement corridors: connected high-flow paths, ranked by peak volume</source>
        <translation>主な移動コース：交通量の多い連続した経路をピーク交通量の順に表示します</translation>
    </message>
    <message>
        <source>Corridors (移動コース):</source>
        <translation>移動コース：</translation>
    </message>
    <message>
        <source>Rows: origins, columns: destinations; click a column header to sort the origins</source>
        <translation>行：発ゾーン、列：着ゾーン。列見出しをクリックすると発ゾーンを並べ替えます</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV をエクスポート…</translation>
    </message>
    <message>
        <source>Export OD matrix</source>
        <translation>OD表のエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>A road segment id (the busiest are listed; pick one on the flow map)</source>
        <translation>道路区間 ID（交通量の多い区間を一覧表示。交通量図で選ぶこともできます）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>通行止めにする</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>区間：</translation>
    </message>
    <message>
        <source>Reopen selected</source>
        <translation>選択した区間の通行止めを解除</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>通行止め：</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Change of all trips, e.g. +20 % visitors</source>
        <translation>全トリップの増減（例：来訪者 +20 %）</translation>
    </message>
    <message>
        <source>Demand change:</source>
        <translation>需要の増減：</translation>
    </message>
    <message>
        <source>Run scenario</source>
        <translation>シナリオを実行</translation>
    </message>
    <message>
        <source>Run the model first, then edit and run the scenario.</source>
        <translation>先にモデルを実行してから、シナリオを編集して実行してください。</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルの選択</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>β (1/min)</source>
        <translation>β（1/分）</translation>
    </message>
    <message>
        <source>Choose zones, OD and assignment settings, then press Run.</source>
        <translation>ゾーン、OD、配分を設定して「実行」を押してください。</translation>
    </message>
    <message>
        <source>Building zones, network and OD…</source>
        <translation>ゾーン、ネットワーク、OD を作成中…</translation>
    </message>
    <message>
        <source>Assigning base and scenario…</source>
        <translation>基準ケースとシナリオを配分中…</translation>
    </message>
    <message>
        <source>Demand model</source>
        <translation>需要モデル</translation>
    </message>
    <message>
        <source>%1 run cancelled.</source>
        <translation>%1 の実行をキャンセルしました。</translation>
    </message>
    <message>
        <source>%1 run failed: %2</source>
        <translation>%1 の実行に失敗しました：%2</translation>
    </message>
    <message>
        <source>Demand run failed</source>
        <translation>需要モデルの実行に失敗しました</translation>
    </message>
    <message>
        <source>The %1 could not be run.</source>
        <translation>%1 を実行できませんでした。</translation>
    </message>
    <message>
        <source>Zones: %1 (%2 connected to the network)</source>
        <translation>ゾーン：%1（うちネットワークに接続 %2）</translation>
    </message>
    <message>
        <source>Network: %1 nodes, %2 links</source>
        <translation>ネットワーク：ノード %1、リンク %2</translation>
    </message>
    <message>
        <source>OD: %1 trips, mean free-flow trip time %2 min (%3)</source>
        <translation>OD：%1 トリップ、自由走行時の平均所要時間 %2 分（%3）</translation>
    </message>
    <message>
        <source>Not assigned: %1 intrazonal or unconnected trips</source>
        <translation>未配分：ゾーン内または経路のないトリップ %1</translation>
    </message>
    <message>
        <source>Assignment (%1): %2 iterations, relative gap %3 — %4</source>
        <translation>配分（%1）：反復 %2 回、相対ギャップ %3 — %4</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>収束</translation>
    </message>
    <message>
        <source>stopped at the iteration limit</source>
        <translation>反復回数の上限で停止</translation>
    </message>
    <message>
        <source>Total travel time: %1 h (%2 s of computing)</source>
        <translation>総所要時間：%1 時間（計算時間 %2 秒）</translation>
    </message>
    <message>
        <source>Assigned: %1 iterations, relative gap %2.</source>
        <translation>配分しました：反復 %1 回、相対ギャップ %2。</translation>
    </message>
    <message>
        <source>Stopped at the iteration limit (%1), relative gap %2.</source>
        <translation>反復回数の上限（%1 回）で停止しました。相対ギャップ %2。</translation>
    </message>
    <message>
        <source>Edit and run the scenario.</source>
        <translation>シナリオを編集して実行してください。</translation>
    </message>
    <message>
        <source>Scenario assigned; the map shows scenario minus base volumes.</source>
        <translation>シナリオを配分しました。地図にはシナリオと基準ケースの交通量の差を表示しています。</translation>
    </message>
    <message>
        <source>OD matrix written to %1.</source>
        <translation>OD表を %1 にエクスポートしました。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>The OD matrix could not be written.</source>
        <translation>OD表を書き込めませんでした。</translation>
    </message>
    <message>
        <source>Corridors</source>
        <translation>移動コース</translation>
    </message>
    <message>
        <source>Draw the ranked corridors (移動コース) under the flows</source>
        <translation>順位付きの移動コースを交通量の下に描画</translation>
    </message>
    <message>
        <source>Volume difference</source>
        <translation>交通量の差</translation>
    </message>
    <message>
        <source>Travel-time difference</source>
        <translation>所要時間の差</translation>
    </message>
    <message>
        <source>What the scenario map shows: scenario minus base, per link</source>
        <translation>シナリオ地図の表示内容：リンクごとのシナリオ − 基準ケース</translation>
    </message>
    <message>
        <source>Map:</source>
        <translation>地図：</translation>
    </message>
    <message>
        <source>Re-assign with the edits and map scenario minus base volumes or travel times</source>
        <translation>編集内容で再配分し、シナリオ − 基準ケースの交通量または所要時間を地図に表示</translation>
    </message>
    <message>
        <source>Close or change a segment</source>
        <translation>区間の通行止め・変更</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source> /h</source>
        <translation> /時</translation>
    </message>
    <message>
        <source>New capacity of every link of the segment, per hour (0 = unchanged)</source>
        <translation>区間の各リンクの新しい交通容量（1 時間あたり。0＝変更なし）</translation>
    </message>
    <message>
        <source> km/h</source>
        <translation> km/h</translation>
    </message>
    <message>
        <source>New free-flow speed (free-flow time = length / speed; 0 = unchanged)</source>
        <translation>新しい自由走行速度（自由走行時間＝延長／速度。0＝変更なし）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Capacity, speed:</source>
        <translation>交通容量・速度：</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>選択項目を削除</translation>
    </message>
    <message>
        <source>Changed:</source>
        <translation>変更済み：</translation>
    </message>
    <message>
        <source>Add a link (deck, passage)</source>
        <translation>リンクの追加（デッキ・通路）</translation>
    </message>
    <message>
        <source>e.g. east–west deck</source>
        <translation>例：東西デッキ</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Longitude (degrees east)</source>
        <translation>経度（東経、度）</translation>
    </message>
    <message>
        <source>Latitude (degrees north)</source>
        <translation>緯度（北緯、度）</translation>
    </message>
    <message>
        <source>From (lon, lat):</source>
        <translation>始点（経度、緯度）：</translation>
    </message>
    <message>
        <source>To (lon, lat):</source>
        <translation>終点（経度、緯度）：</translation>
    </message>
    <message>
        <source>Free-flow speed on the new link (walking: 4.8 km/h)</source>
        <translation>新しいリンクの自由走行速度（徒歩：4.8 km/h）</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>制約なし</translation>
    </message>
    <message>
        <source>Capacity per hour and direction (0 = unlimited, no congestion)</source>
        <translation>方向別・1 時間あたりの交通容量（0＝制約なし、混雑なし）</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>リンクを追加</translation>
    </message>
    <message>
        <source>Speed, capacity:</source>
        <translation>速度・交通容量：</translation>
    </message>
    <message>
        <source>Added:</source>
        <translation>追加済み：</translation>
    </message>
    <message>
        <source>added link %1</source>
        <translation>追加リンク %1</translation>
    </message>
    <message>
        <source>%1: (%2, %3) → (%4, %5), %6 km/h</source>
        <translation>%1：(%2, %3) → (%4, %5)、%6 km/h</translation>
    </message>
    <message>
        <source>, capacity %1 /h</source>
        <translation>、交通容量 %1 /時</translation>
    </message>
    <message>
        <source>, %1 m</source>
        <translation>、%1 m</translation>
    </message>
    <message>
        <source>capacity %1 /h</source>
        <translation>交通容量 %1 /時</translation>
    </message>
    <message>
        <source>%1 km/h</source>
        <translation>%1 km/h</translation>
    </message>
    <message>
        <source>Joins the nearest street nodes, both ways: %1 m in the plane CRS.</source>
        <translation>最寄りの街路ノード同士を双方向で結びます：平面直角座標系で %1 m。</translation>
    </message>
    <message>
        <source>The link joins the street nodes nearest to the two points, both ways; its length is measured in the plane CRS.</source>
        <translation>リンクは 2 点の最寄りの街路ノード同士を双方向で結びます。延長は平面直角座標系で測ります。</translation>
    </message>
    <message>
        <source>Total travel time %1 h → %2 h (%3 %); %4 links closed, %5 added, %6 segments changed; demand %7 → %8 trips.</source>
        <translation>総所要時間 %1 時間 → %2 時間（%3 %）。通行止め %4 リンク、追加 %5、変更 %6 区間。需要 %7 → %8 トリップ。</translation>
    </message>
    <message>
        <source>Scenario assigned; the map shows scenario minus base travel times.</source>
        <translation>シナリオを配分しました。地図にはシナリオと基準ケースの所要時間の差を表示しています。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::DemandLayers</name>
    <message>
        <source>trips</source>
        <translation>トリップ</translation>
    </message>
    <message>
        <source>Assigned flows</source>
        <translation>配分交通量</translation>
    </message>
    <message>
        <source>Desire lines</source>
        <translation>希望線</translation>
    </message>
    <message>
        <source>Scenario − base flows</source>
        <translation>交通量の差（シナリオ − 基準ケース）</translation>
    </message>
    <message>
        <source>Corridors</source>
        <translation>移動コース</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Scenario − base travel times</source>
        <translation>所要時間の差（シナリオ − 基準ケース）</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::EnergyCharts</name>
    <message>
        <source>Cooling demand by building</source>
        <translation>建物別の冷房需要</translation>
    </message>
    <message>
        <source>Heating demand by building</source>
        <translation>建物別の暖房需要</translation>
    </message>
    <message>
        <source>kWh/h</source>
        <translation>kWh／時</translation>
    </message>
    <message>
        <source>Plant demand</source>
        <translation>プラント需要</translation>
    </message>
    <message>
        <source>%1 % interval</source>
        <translation>%1 % 予測区間</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>Forecast origin</source>
        <translation>予測起点</translation>
    </message>
    <message>
        <source>Cooling made by unit (plan)</source>
        <translation>熱源機別の冷熱製造（計画）</translation>
    </message>
    <message>
        <source>Heating made by unit (plan)</source>
        <translation>熱源機別の温熱製造（計画）</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Storage level at the end of each hour</source>
        <translation>各時刻末の蓄熱量</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>Plant electricity</source>
        <translation>プラントの電力消費</translation>
    </message>
    <message>
        <source>Rule-based baseline</source>
        <translation>ルールベースの運転（ベースライン）</translation>
    </message>
    <message>
        <source>Optimised plan</source>
        <translation>最適化した計画</translation>
    </message>
    <message>
        <source>Plant COP (heat delivered / energy in)</source>
        <translation>プラント COP（供給熱量／投入エネルギー）</translation>
    </message>
    <message>
        <source>COP</source>
        <translation>COP</translation>
    </message>
    <message>
        <source>Electricity saved against the baseline, running total</source>
        <translation>ベースラインに対する電力削減量（累計）</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>削減量</translation>
    </message>
    <message>
        <source>Saved, planned on the forecast</source>
        <translation>削減量（予測に基づく計画）</translation>
    </message>
    <message>
        <source>Saved on the metered demand</source>
        <translation>削減量（実測需要での運転）</translation>
    </message>
    <message>
        <source>%1 discharge (chilled water)</source>
        <translation>%1 放冷</translation>
    </message>
    <message>
        <source>%1 discharge (hot water)</source>
        <translation>%1 放熱</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::EnergyDock</name>
    <message>
        <source>Energy</source>
        <translation>エネルギー</translation>
    </message>
    <message>
        <source>First local day of the plan (JST)</source>
        <translation>計画の初日（日本時間）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日間</translation>
    </message>
    <message>
        <source>Days planned: 1 for a day-ahead plan, 7 for a week</source>
        <translation>計画する日数：翌日計画は 1、週間計画は 7</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Cost (yen)</source>
        <translation>費用（円）</translation>
    </message>
    <message>
        <source>Energy (kWh)</source>
        <translation>エネルギー（kWh）</translation>
    </message>
    <message>
        <source>CO2 (kg)</source>
        <translation>CO2（kg）</translation>
    </message>
    <message>
        <source>What the plan minimises</source>
        <translation>計画で最小化する量</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>plant.json</source>
        <translation>plant.json</translation>
    </message>
    <message>
        <source>The plant file (JSON: units, storage, pumps, tariff, CO2)</source>
        <translation>プラント定義ファイル（JSON：熱源機、蓄熱槽、ポンプ、料金、CO2）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>プラント</translation>
    </message>
    <message>
        <source>The building whose demand forecast is compared with its meter</source>
        <translation>需要予測を計測値と比べる建物</translation>
    </message>
    <message>
        <source>Cooling</source>
        <translation>冷房</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>暖房</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>計画</translation>
    </message>
    <message>
        <source>Optimise the plant&apos;s operation (energy-plan) and forecast the building&apos;s demand (energy-forecast) for the period</source>
        <translation>期間のプラント運転を最適化し（energy-plan）、建物の需要を予測します（energy-forecast）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>運転</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>蓄熱</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>電力</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>ベースライン</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>削減</translation>
    </message>
    <message>
        <source>Saved %</source>
        <translation>削減率 %</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>削減効果</translation>
    </message>
    <message>
        <source>Export Chart…</source>
        <translation>グラフを書き出し…</translation>
    </message>
    <message>
        <source>Save a chart of this tab as PNG, SVG or PDF</source>
        <translation>このタブのグラフを PNG・SVG・PDF で保存します</translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>地図に表示</translation>
    </message>
    <message>
        <source>The buildings coloured by their cooling + heating demand at the map&apos;s hour</source>
        <translation>地図の時刻における冷房＋暖房需要で建物を色分けします</translation>
    </message>
    <message>
        <source>Plant File</source>
        <translation>プラント定義ファイル</translation>
    </message>
    <message>
        <source>Plant (*.json)</source>
        <translation>プラント（*.json）</translation>
    </message>
    <message>
        <source>Open a project with energy buildings and meters (energy import --kind buildings|meters).</source>
        <translation>エネルギーの建物と計測値を持つプロジェクトを開いてください（energy import --kind buildings|meters）。</translation>
    </message>
    <message>
        <source>Energy buildings</source>
        <translation>エネルギー建物</translation>
    </message>
    <message>
        <source>The project has no cooling or heating meters: plan on a demand file with `ekimachi-cli energy plan --demand`.</source>
        <translation>プロジェクトに冷房・暖房の計測値がありません。需要ファイルで計画するには `ekimachi-cli energy plan --demand` を使ってください。</translation>
    </message>
    <message>
        <source>The project has no energy buildings.</source>
        <translation>プロジェクトにエネルギー建物がありません。</translation>
    </message>
    <message>
        <source>Choose the plant file (JSON) first.</source>
        <translation>先にプラント定義ファイル（JSON）を選んでください。</translation>
    </message>
    <message>
        <source>Planning %1 days from %2…</source>
        <translation>%2 から %1 日間を計画中…</translation>
    </message>
    <message>
        <source>Plan cancelled.</source>
        <translation>計画をキャンセルしました。</translation>
    </message>
    <message>
        <source>Energy plan from %1</source>
        <translation>%1 からのエネルギー計画</translation>
    </message>
    <message>
        <source>%1 demand of %2: forecast vs actual</source>
        <translation>%2 の%1需要：予測と実績</translation>
    </message>
    <message>
        <source>Energy forecast of %1</source>
        <translation>%1 のエネルギー需要予測</translation>
    </message>
    <message>
        <source>Forecast: %1</source>
        <translation>予測：%1</translation>
    </message>
    <message>
        <source>%1, %2 h from %3, objective %4: %5 (gap %6 %, %7 s).</source>
        <translation>%1、%3 から %2 時間、目的 %4：%5（ギャップ %6 %、%7 秒）。</translation>
    </message>
    <message>
        <source>optimal</source>
        <translation>最適解</translation>
    </message>
    <message>
        <source>stopped at the time limit</source>
        <translation>制限時間で停止</translation>
    </message>
    <message>
        <source>COP %1 (baseline %2).</source>
        <translation>COP %1（ベースライン %2）。</translation>
    </message>
    <message>
        <source>COP</source>
        <translation>COP</translation>
    </message>
    <message>
        <source>Start-ups</source>
        <translation>起動回数</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>グラフを %1 に保存しました</translation>
    </message>
    <message>
        <source>The chart could not be saved: %1</source>
        <translation>グラフを保存できませんでした：%1</translation>
    </message>
    <message>
        <source>Chart %1</source>
        <translation>グラフ %1</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>グラフを書き出し</translation>
    </message>
    <message>
        <source>Energy buildings layer</source>
        <translation>エネルギー建物レイヤ</translation>
    </message>
    <message>
        <source>DHC buildings (cooling + heating demand)</source>
        <translation>地域冷暖房の建物（冷房＋暖房需要）</translation>
    </message>
    <message>
        <source>%1 (with the meter&apos;s readings up to the start; %2)</source>
        <translation>%1（予測開始までのメーター実測値を使用、%2）</translation>
    </message>
    <message>
        <source>Metered demand</source>
        <translation>実測需要</translation>
    </message>
    <message>
        <source>Forecast demand</source>
        <translation>予測需要</translation>
    </message>
    <message>
        <source>The demand the plan is made on: the buildings&apos; meters (perfect foresight), or the demand model&apos;s forecast of every building from the first day; a plan on the forecast is then re-dispatched on the meters, so the forecast error shows in the savings</source>
        <translation>計画の前提とする需要：建物の実測値（完全予見）、または初日からの全建物の需要モデル予測。予測に基づく計画は実測需要で再配分され、予測誤差が削減効果に表れます</translation>
    </message>
    <message>
        <source>Made on the forecast; run on the metered demand it used %1 kWh, %2 % more than the plan in hindsight (the forecast error&apos;s cost).</source>
        <translation>予測に基づく計画を実測需要で運転すると %1 kWh を使用し、事後最適計画より %2 % 多くなりました（予測誤差のコスト）。</translation>
    </message>
    <message>
        <source>Made on the forecast; run on the metered demand it used %1 kWh, %2 % less than the plan in hindsight, which stopped at its optimality gap.</source>
        <translation>予測に基づく計画を実測需要で運転すると %1 kWh を使用し、最適性ギャップで停止した事後最適計画より %2 % 少なくなりました。</translation>
    </message>
    <message>
        <source>Savings: on the metered demand.</source>
        <translation>削減効果は実測需要での値です。</translation>
    </message>
    <message>
        <source>within the requested gap</source>
        <translation>指定ギャップ内で停止</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::FeatureSeriesText</name>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Pedestrians</source>
        <translation>歩行者</translation>
    </message>
    <message>
        <source>Bicycles</source>
        <translation>自転車</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>車両</translation>
    </message>
    <message>
        <source>Boardings</source>
        <translation>乗車</translation>
    </message>
    <message>
        <source>Alightings</source>
        <translation>降車</translation>
    </message>
    <message>
        <source>Boardings + alightings</source>
        <translation>乗車＋降車</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人</translation>
    </message>
    <message>
        <source>Count per hour</source>
        <translation>時間あたりの通行量</translation>
    </message>
    <message>
        <source>Passengers per hour</source>
        <translation>時間あたりの乗降客数</translation>
    </message>
    <message>
        <source>Mesh cell</source>
        <translation>メッシュ</translation>
    </message>
    <message>
        <source>Road segment</source>
        <translation>道路区間</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>地物</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::FieldEditor</name>
    <message>
        <source>(not set)</source>
        <translation>(未設定)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Comma-separated values</source>
        <translation>カンマ区切りの値</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>正しい JSON ではありません</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>正しい JSON ではありません: %1</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ForecastDock</name>
    <message>
        <source>List road segments and stations</source>
        <translation>道路区間と駅の一覧</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>Mesh cell</source>
        <translation>メッシュ</translation>
    </message>
    <message>
        <source>Road segment</source>
        <translation>道路区間</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>駅</translation>
    </message>
    <message>
        <source>A mesh code, segment id or station id; several ids separated by commas form a zone</source>
        <translation>メッシュコード・道路区間 ID・駅 ID。カンマ区切りで複数指定するとゾーンになります</translation>
    </message>
    <message>
        <source>Feature:</source>
        <translation>対象：</translation>
    </message>
    <message>
        <source>Seasonal naive (same hour last week)</source>
        <translation>季節ナイーブ（前週同時刻）</translation>
    </message>
    <message>
        <source>Seasonal profile with trend</source>
        <translation>季節プロファイル＋トレンド</translation>
    </message>
    <message>
        <source>Regression (calendar, lags)</source>
        <translation>回帰（カレンダー・ラグ）</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>モデル：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Horizon:</source>
        <translation>予測期間：</translation>
    </message>
    <message>
        <source>Forecast map</source>
        <translation>予測地図</translation>
    </message>
    <message>
        <source>Forecast every mesh cell; the time bar then continues into the forecast hours</source>
        <translation>全メッシュを予測します。時間バーが予測期間まで延びます</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Open a project to forecast.</source>
        <translation>予測するにはプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>people / hour</source>
        <translation>人／時</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>WAPE</source>
        <translation>WAPE</translation>
    </message>
    <message>
        <source>MASE</source>
        <translation>MASE</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Choose a feature and press Forecast.</source>
        <translation>対象を選んで「予測」を押してください。</translation>
    </message>
    <message>
        <source>Choose a feature first.</source>
        <translation>先に対象を選んでください。</translation>
    </message>
    <message>
        <source>Forecasting %1…</source>
        <translation>%1 を予測中…</translation>
    </message>
    <message numerus="yes">
        <source>Forecasting %n mesh cells…</source>
        <translation>
            <numerusform>%n メッシュを予測中…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) have too little data to forecast and stay empty.</source>
        <translation>
            <numerusform>%n メッシュはデータが少なすぎて予測できないため空欄のままです。</numerusform>
        </translation>
    </message>
    <message>
        <source>Forecast cancelled.</source>
        <translation>予測をキャンセルしました。</translation>
    </message>
    <message>
        <source>Forecast failed.</source>
        <translation>予測に失敗しました。</translation>
    </message>
    <message>
        <source>Forecast failed</source>
        <translation>予測に失敗しました</translation>
    </message>
    <message>
        <source>The forecast could not be made.</source>
        <translation>予測できませんでした。</translation>
    </message>
    <message>
        <source>Forecast map ready from %1: move the time bar past the last observed hour.</source>
        <translation>%1 からの予測地図ができました。時間バーを観測の最終時刻より先へ動かしてください。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, %n day(s) ahead</source>
        <translation>
            <numerusform>%1 — %2、%n 日先まで</numerusform>
        </translation>
    </message>
    <message>
        <source>%1% interval</source>
        <translation>%1% 予測区間</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>Forecast origin</source>
        <translation>予測起点</translation>
    </message>
    <message numerus="yes">
        <source>Forecast from %1; backtest over %n origin(s).</source>
        <translation>
            <numerusform>%1 から予測。バックテストの起点 %n 個。</numerusform>
        </translation>
    </message>
    <message>
        <source>Forecast from %1; the series is too short for a backtest.</source>
        <translation>%1 から予測。系列が短くバックテストはできません。</translation>
    </message>
    <message>
        <source>Cov. 80%</source>
        <translation>80% 被覆率</translation>
    </message>
    <message>
        <source>Cov. 95%</source>
        <translation>95% 被覆率</translation>
    </message>
    <message>
        <source>Rolling-origin backtest: MAE, RMSE, WAPE, MASE and the share of actual hours inside the 80% and 95% intervals</source>
        <translation>起点をずらしたバックテスト：MAE、RMSE、WAPE、MASE と、実績が 80%・95% 予測区間に入った時間の割合</translation>
    </message>
    <message>
        <source>Forecast of %1</source>
        <translation>%1 の予測</translation>
    </message>
    <message numerus="yes">
        <source>Forecast map (%n mesh cells)</source>
        <translation>
            <numerusform>予測マップ（%n メッシュ）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ekm::widgets::Identifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ImportWizard</name>
    <message>
        <source>Import data</source>
        <translation>データの取り込み</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルの選択</translation>
    </message>
    <message>
        <source>CSV files (also .csv.gz) with people-flow data, or vector files (GeoJSON, GeoPackage, Shapefile) with road segments or stations.</source>
        <translation>人流データの CSV ファイル（.csv.gz も可）、または道路区間・駅のベクターファイル（GeoJSON、GeoPackage、シェープファイル）。</translation>
    </message>
    <message>
        <source>Path of the file to import</source>
        <translation>取り込むファイルのパス</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>ソース：</translation>
    </message>
    <message>
        <source>Detected:</source>
        <translation>判定結果：</translation>
    </message>
    <message>
        <source>(choose the kind of data)</source>
        <translation>（データの種類を選択）</translation>
    </message>
    <message>
        <source>Import as:</source>
        <translation>取り込む種類：</translation>
    </message>
    <message>
        <source>Data files (*.csv *.csv.gz *.txt *.tsv *.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>データファイル (*.csv *.csv.gz *.txt *.tsv *.geojson *.json *.gpkg *.shp);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>ファイルが見つかりません：%1</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>ファイルを読み込めません：%1</translation>
    </message>
    <message numerus="yes">
        <source>Text file%1, %2, %n column(s)</source>
        <translation>
            <numerusform>テキストファイル%1、%2、%n 列</numerusform>
        </translation>
    </message>
    <message>
        <source> (gzip)</source>
        <translation>（gzip）</translation>
    </message>
    <message numerus="yes">
        <source>Layer &apos;%1&apos;: %2, %n feature(s)</source>
        <translation>
            <numerusform>レイヤー「%1」：%2、%n 地物</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown: choose the kind below</source>
        <translation>不明：下で種類を選択してください</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>列の対応付け</translation>
    </message>
    <message>
        <source>Choose the column of the file for each field. The preview shows the first rows as they will be read.</source>
        <translation>各項目に対応するファイルの列を選択してください。プレビューには読み込まれる先頭の行が表示されます。</translation>
    </message>
    <message>
        <source>Standard layout</source>
        <translation>標準レイアウト</translation>
    </message>
    <message>
        <source>MLIT 1 km open data (monthly)</source>
        <translation>国土交通省 1 km メッシュ人流オープンデータ（月別）</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>レイアウト：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>CP932 (Shift_JIS)</source>
        <translation>CP932（Shift_JIS）</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>文字コード：</translation>
    </message>
    <message>
        <source>Import even if this file was imported before</source>
        <translation>取り込み済みのファイルでも取り込む</translation>
    </message>
    <message>
        <source>read as %1</source>
        <translation>%1 として読み込み</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>読み込めません：%1</translation>
    </message>
    <message>
        <source>vector files are read by GDAL</source>
        <translation>ベクターファイルは GDAL で読み込みます</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>（列を選択）</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>（ファイルにない）</translation>
    </message>
    <message>
        <source>Choose the kind of data on the first page.</source>
        <translation>最初のページでデータの種類を選択してください。</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>不足：%1</translation>
    </message>
    <message>
        <source>All columns are mapped.</source>
        <translation>すべての列が対応付けられています。</translation>
    </message>
    <message>
        <source>The other columns become breakdowns: %1</source>
        <translation>その他の列は内訳になります：%1</translation>
    </message>
    <message>
        <source>All required fields are mapped.</source>
        <translation>必須項目はすべて対応付けられています。</translation>
    </message>
    <message>
        <source>Check the file</source>
        <translation>ファイルの検証</translation>
    </message>
    <message>
        <source>The importer reads the whole file into a temporary copy of the project; the project itself is not changed.</source>
        <translation>プロジェクトの一時コピーにファイル全体を取り込んで検証します。プロジェクト自体は変更されません。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <source>The import is one transaction: if it fails or is cancelled, the project is unchanged.</source>
        <translation>取り込みは 1 つのトランザクションです。失敗またはキャンセルした場合、プロジェクトは変更されません。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 を検証しています…</translation>
    </message>
    <message>
        <source>Check %1</source>
        <translation>%1 の検証</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 を取り込んでいます…</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 の取り込み</translation>
    </message>
    <message>
        <source>Imported %1 rows into %2 (%3 → %4 rows) in %5 s.</source>
        <translation>%1 行を %2 に取り込みました（%3 → %4 行、%5 秒）。</translation>
    </message>
    <message>
        <source>Import cancelled; the project is unchanged.</source>
        <translation>取り込みをキャンセルしました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <source>Import failed; the project is unchanged.</source>
        <translation>取り込みに失敗しました。プロジェクトは変更されていません。</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>場所：%1</translation>
    </message>
    <message>
        <source>Feature: %1</source>
        <translation>地物：%1</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>列：%1</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>期待される値：%1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>実際の値：%1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>メッセージ：%1</translation>
    </message>
    <message>
        <source>The file can be imported.</source>
        <translation>このファイルは取り込めます。</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>読み込んだ行数：%1</translation>
    </message>
    <message>
        <source>Rows that would be imported: %1</source>
        <translation>取り込まれる行数：%1</translation>
    </message>
    <message>
        <source>Missing values (stored as missing, not 0): %1</source>
        <translation>欠損値（0 ではなく欠損として保存）：%1</translation>
    </message>
    <message>
        <source>New features: %1</source>
        <translation>新しい地物：%1</translation>
    </message>
    <message>
        <source>Table %1: %2 rows now, %3 after the import</source>
        <translation>テーブル %1：現在 %2 行、取り込み後 %3 行</translation>
    </message>
    <message>
        <source>The file cannot be imported. First error:</source>
        <translation>このファイルは取り込めません。最初のエラー：</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>検証をキャンセルしました。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>取り込みに失敗しました</translation>
    </message>
    <message>
        <source>%1 could not be imported. The project is unchanged.</source>
        <translation>%1 を取り込めませんでした。プロジェクトは変更されていません。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::InspectorPanel</name>
    <message>
        <source>Inspector series</source>
        <translation>インスペクターの系列</translation>
    </message>
    <message>
        <source>Click a mesh cell, road segment or station on the map.</source>
        <translation>地図上のメッシュ、道路区間または駅をクリックしてください。</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期間:</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>週</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>The week around the current hour</source>
        <translation>現在時刻を中心とする 1 週間</translation>
    </message>
    <message>
        <source>14 days before and after the current hour</source>
        <translation>現在時刻の前後 14 日</translation>
    </message>
    <message>
        <source>The whole time range of the project</source>
        <translation>プロジェクトの全期間</translation>
    </message>
    <message>
        <source>Add to chart</source>
        <translation>チャートに追加</translation>
    </message>
    <message>
        <source>Add this feature to the Charts dock</source>
        <translation>この地物をチャートドックに追加</translation>
    </message>
    <message>
        <source>%1 · layer %2</source>
        <translation>%1 · レイヤー %2</translation>
    </message>
    <message>
        <source>Value at the map&apos;s hour</source>
        <translation>地図の時刻の値</translation>
    </message>
    <message>
        <source>Feature id</source>
        <translation>地物 ID</translation>
    </message>
    <message>
        <source>Open a project to see the time series.</source>
        <translation>プロジェクトを開くと時系列が表示されます。</translation>
    </message>
    <message>
        <source>This feature has no time series.</source>
        <translation>この地物には時系列がありません。</translation>
    </message>
    <message>
        <source>Loading the series…</source>
        <translation>時系列を読み込み中…</translation>
    </message>
    <message>
        <source>The series could not be read: %1</source>
        <translation>時系列を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>The project has no time series of this kind.</source>
        <translation>プロジェクトにこの種類の時系列がありません。</translation>
    </message>
    <message>
        <source>No values for this feature from %1 to %2.</source>
        <translation>%1 〜 %2 にこの地物の値がありません。</translation>
    </message>
    <message>
        <source>%1 to %2: %3 of %4 hours have values (gaps are missing hours).</source>
        <translation>%1 〜 %2: %4 時間のうち %3 時間に値があります（途切れは欠測）。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::LayersDock</name>
    <message>
        <source>Layers</source>
        <translation>レイヤ</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::LayersPanel</name>
    <message>
        <source>Layer values</source>
        <translation>レイヤーの値</translation>
    </message>
    <message>
        <source>Drag layers to change their order; the top layer is drawn last.</source>
        <translation>ドラッグしてレイヤの順序を変更します。一番上のレイヤが最後に（最前面に）描画されます。</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>選択したレイヤの不透明度</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度:</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ移動</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ移動</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>最上位へ移動</translation>
    </message>
    <message>
        <source>Move to bottom</source>
        <translation>最下位へ移動</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>スタイル…</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>レイヤにズーム</translation>
    </message>
    <message>
        <source>Move the selected layer up (Ctrl+Up)</source>
        <translation>選択したレイヤを上へ移動 (Ctrl+↑)</translation>
    </message>
    <message>
        <source>Move the selected layer down (Ctrl+Down)</source>
        <translation>選択したレイヤを下へ移動 (Ctrl+↓)</translation>
    </message>
    <message>
        <source>Classes, colours and opacity of the selected layer (double-click a layer)</source>
        <translation>選択したレイヤの階級・配色・不透明度（レイヤをダブルクリックでも開きます）</translation>
    </message>
    <message>
        <source>Show the whole selected layer on the map</source>
        <translation>選択したレイヤ全体を地図に表示</translation>
    </message>
    <message>
        <source>%1 — opacity %2 %</source>
        <translation>%1 — 不透明度 %2 %</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>表示</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::LayoutDialog</name>
    <message>
        <source>Export Map</source>
        <translation>地図の書き出し</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>用紙</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>タイトル:</translation>
    </message>
    <message>
        <source>Subtitle:</source>
        <translation>サブタイトル:</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向き</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>縦向き</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>用紙サイズ:</translation>
    </message>
    <message>
        <source>PDF (vector, fonts embedded)</source>
        <translation>PDF（ベクター、フォント埋め込み）</translation>
    </message>
    <message>
        <source>SVG (text stays text)</source>
        <translation>SVG（文字はテキストのまま）</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 画像</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>形式:</translation>
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
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Draw the legend</source>
        <translation>凡例を描く</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>The map&apos;s current view</source>
        <translation>地図の現在の表示範囲</translation>
    </message>
    <message>
        <source>The whole district</source>
        <translation>地区全体</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>範囲:</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>レイヤ:</translation>
    </message>
    <message>
        <source>Templates in the project</source>
        <translation>プロジェクトのテンプレート</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Saved:</source>
        <translation>保存済み:</translation>
    </message>
    <message>
        <source>e.g. briefing-a4</source>
        <translation>例: briefing-a4</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>名前を付けて保存:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>SVG (*.svg)</source>
        <translation>SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>プレビューを描画中…</translation>
    </message>
    <message>
        <source>Layout preview</source>
        <translation>レイアウトのプレビュー</translation>
    </message>
    <message>
        <source>Preview: %1 × %2 px shown; the export is drawn at full resolution.</source>
        <translation>プレビュー: %1 × %2 px で表示。書き出しは最終解像度で描画されます。</translation>
    </message>
    <message>
        <source>The layout cannot be drawn: %1</source>
        <translation>レイアウトを描画できません: %1</translation>
    </message>
    <message>
        <source>Layout templates</source>
        <translation>レイアウトテンプレート</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>テンプレートを読み込めません: %1</translation>
    </message>
    <message>
        <source>Save layout template %1</source>
        <translation>レイアウトテンプレート %1 を保存</translation>
    </message>
    <message>
        <source>Layout saved in the project as “%1” (ekimachi-cli export-map --template %1).</source>
        <translation>レイアウトをプロジェクトに「%1」として保存しました（ekimachi-cli export-map --template %1）。</translation>
    </message>
    <message>
        <source>The template cannot be saved: %1</source>
        <translation>テンプレートを保存できません: %1</translation>
    </message>
    <message>
        <source>Read layout template %1</source>
        <translation>レイアウトテンプレート %1 を読み込み</translation>
    </message>
    <message>
        <source>Template “%1” applied.</source>
        <translation>テンプレート「%1」を適用しました。</translation>
    </message>
    <message>
        <source>The template cannot be applied: %1</source>
        <translation>テンプレートを適用できません: %1</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 を書き出し中…</translation>
    </message>
    <message>
        <source>Export map %1</source>
        <translation>地図 %1 の書き出し</translation>
    </message>
    <message>
        <source>Map saved to %1</source>
        <translation>地図を %1 に保存しました</translation>
    </message>
    <message>
        <source>The map could not be written: %1</source>
        <translation>地図を書き出せませんでした: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>Default: what the layers show (and the hour)</source>
        <translation>既定: 表示するレイヤーの内容（と時刻）</translation>
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
        <source>Import from &amp;City OS…</source>
        <translation>都市OSから取り込み(&amp;C)…</translation>
    </message>
    <message>
        <source>Pull people and traffic counts from the city OS&apos;s NGSI-LD broker into the project</source>
        <translation>都市OSの NGSI-LD ブローカーから人流・交通量をプロジェクトに取り込みます</translation>
    </message>
    <message>
        <source>Import from City OS</source>
        <translation>都市OSから取り込み</translation>
    </message>
    <message>
        <source>Imported %1 rows from the city OS; reloading the project</source>
        <translation>都市OSから %1 行を取り込みました。プロジェクトを再読み込みしています</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>プロジェクトを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>Close the project; its running tasks are cancelled</source>
        <translation>プロジェクトを閉じます。実行中のタスクは取り消されます</translation>
    </message>
    <message>
        <source>Open project %1</source>
        <translation>プロジェクト %1 を開く</translation>
    </message>
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
    <message>
        <source>Population and forecast</source>
        <translation>人口と予測</translation>
    </message>
    <message>
        <source>Forecast from %1: hours after it show forecast population</source>
        <translation>%1 から予測：それ以降の時刻は予測人口を表示します</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Compare Periods…</source>
        <translation>期間比較(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Forecast…</source>
        <translation>予測(&amp;F)…</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>インスペクター</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>チャート</translation>
    </message>
    <message>
        <source>Nothing here on the visible layers</source>
        <translation>表示中のレイヤにはこの地点の地物がありません</translation>
    </message>
    <message>
        <source>Identify failed: %1</source>
        <translation>地物情報の取得に失敗しました：%1</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新規プロジェクト(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty project file (GeoPackage) and open it</source>
        <translation>空のプロジェクトファイル（GeoPackage）を作成して開きます</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったプロジェクト(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Import people-flow, counts or geometry files into the project</source>
        <translation>人流・通行量・ジオメトリのファイルをプロジェクトにインポートします</translation>
    </message>
    <message>
        <source>Add Offline &amp;Raster Basemap…</source>
        <translation>オフラインのラスタ背景地図を追加(&amp;R)…</translation>
    </message>
    <message>
        <source>Show a local GeoTIFF or MBTiles file under the project&apos;s layers (no network)</source>
        <translation>ローカルの GeoTIFF または MBTiles ファイルをプロジェクトのレイヤの下に表示します（ネットワーク接続は不要）</translation>
    </message>
    <message>
        <source>Remove Raster Basemap</source>
        <translation>ラスタ背景地図を削除</translation>
    </message>
    <message>
        <source>&amp;Toolbars</source>
        <translation>ツールバー(&amp;T)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>選択地物にズーム(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom to the feature last clicked on the map</source>
        <translation>地図上で最後にクリックした地物にズームします</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>全画面表示(&amp;U)</translation>
    </message>
    <message>
        <source>Display &amp;CRS</source>
        <translation>表示の座標参照系(&amp;C)</translation>
    </message>
    <message>
        <source>Plane rectangular (JGD2011 zone of the area)</source>
        <translation>平面直角座標系（JGD2011、対象地域の系）</translation>
    </message>
    <message>
        <source>Web Mercator (EPSG:3857)</source>
        <translation>Web メルカトル（EPSG:3857）</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>時間(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Demand and Assignment…</source>
        <translation>需要推計と配分(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近使ったプロジェクト</translation>
    </message>
    <message>
        <source>These projects no longer exist and were removed from the list:
%1</source>
        <translation>次のプロジェクトは存在しないため、一覧から削除しました：
%1</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>The project %1 no longer exists.</source>
        <translation>プロジェクト %1 は存在しません。</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>最近使ったプロジェクトはありません</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>一覧を消去</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新規プロジェクト</translation>
    </message>
    <message>
        <source>Ekimachi projects (*.gpkg)</source>
        <translation>駅まちプロジェクト (*.gpkg)</translation>
    </message>
    <message>
        <source>The file %1 already exists; choose a new name.</source>
        <translation>ファイル %1 は既に存在します。別の名前を指定してください。</translation>
    </message>
    <message>
        <source>Could not create project</source>
        <translation>プロジェクトを作成できませんでした</translation>
    </message>
    <message>
        <source>Create project %1</source>
        <translation>プロジェクト %1 の作成</translation>
    </message>
    <message>
        <source>The project %1 could not be created.</source>
        <translation>プロジェクト %1 を作成できませんでした。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Open or create a project first (File &gt; New Project…).</source>
        <translation>先にプロジェクトを開くか作成してください（ファイル &gt; 新規プロジェクト…）。</translation>
    </message>
    <message>
        <source>Imported %1 rows; reloading the project</source>
        <translation>%1 行をインポートしました。プロジェクトを再読み込みしています</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Open a project first</source>
        <translation>先にプロジェクトを開いてください</translation>
    </message>
    <message>
        <source>Export map image %1</source>
        <translation>地図画像 %1 のエクスポート</translation>
    </message>
    <message>
        <source>Map image saved to %1</source>
        <translation>地図画像を %1 に保存しました</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>The map image %1 could not be written.</source>
        <translation>地図画像 %1 を書き込めませんでした。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The language will change when Ekimachi is started again.</source>
        <translation>言語は駅まちの次回起動時に切り替わります。</translation>
    </message>
    <message>
        <source>Offline raster basemap</source>
        <translation>オフラインのラスタ背景地図</translation>
    </message>
    <message>
        <source>Rasters (*.tif *.tiff *.mbtiles *.gpkg *.png *.jpg *.vrt);;All files (*)</source>
        <translation>ラスタ (*.tif *.tiff *.mbtiles *.gpkg *.png *.jpg *.vrt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Nothing selected: click a cell, segment or station first</source>
        <translation>何も選択されていません：先にメッシュ、道路区間または駅をクリックしてください</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>背景地図</translation>
    </message>
    <message>
        <source>Population heatmap</source>
        <translation>人口ヒートマップ</translation>
    </message>
    <message>
        <source>Ridership heatmap</source>
        <translation>乗降人員ヒートマップ</translation>
    </message>
    <message>
        <source>Pedestrian counts</source>
        <translation>歩行者通行量</translation>
    </message>
    <message>
        <source>Vehicle counts</source>
        <translation>車両通行量</translation>
    </message>
    <message>
        <source>Railways</source>
        <translation>鉄道</translation>
    </message>
    <message>
        <source>Raster basemap</source>
        <translation>ラスタ背景地図</translation>
    </message>
    <message>
        <source>The offline raster basemap could not be opened; the project is shown without it.</source>
        <translation>オフラインのラスタ背景地図を開けませんでした。背景地図なしでプロジェクトを表示します。</translation>
    </message>
    <message>
        <source>EPSG:3857 (Web Mercator)</source>
        <translation>EPSG:3857（Web メルカトル）</translation>
    </message>
    <message>
        <source>EPSG:%1</source>
        <translation>EPSG:%1</translation>
    </message>
    <message>
        <source>&amp;Export Map…</source>
        <translation>地図の書き出し(&amp;E)…</translation>
    </message>
    <message>
        <source>Lay out the map for print (PDF, SVG or PNG; A4 or A3) with a live preview and templates</source>
        <translation>印刷用に地図をレイアウト（PDF・SVG・PNG、A4・A3）、ライブプレビューとテンプレート付き</translation>
    </message>
    <message>
        <source>&amp;Briefing Pack…</source>
        <translation>説明会資料(&amp;B)…</translation>
    </message>
    <message>
        <source>Write the bilingual briefing pack (PDF) of a scenario run for a citizens&apos; meeting</source>
        <translation>シナリオ実行の日英併記の市民説明会資料（PDF）を作成</translation>
    </message>
    <message>
        <source>Export &amp;Results…</source>
        <translation>結果の書き出し(&amp;R)…</translation>
    </message>
    <message>
        <source>Export a run&apos;s results or a project layer to GeoPackage, GeoJSON, CSV or Shapefile</source>
        <translation>実行結果またはプロジェクトのレイヤを GeoPackage・GeoJSON・CSV・Shapefile に書き出し</translation>
    </message>
    <message>
        <source>Map saved to %1</source>
        <translation>地図を %1 に保存しました</translation>
    </message>
    <message>
        <source>Briefing Pack</source>
        <translation>説明会資料</translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>結果の書き出し</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Open &amp;Team Project (PostgreSQL)…</source>
        <translation>チームのプロジェクトを開く (PostgreSQL)(&amp;T)…</translation>
    </message>
    <message>
        <source>Open a project kept in a PostgreSQL/PostGIS schema on the team&apos;s server</source>
        <translation>チームのサーバーの PostgreSQL/PostGIS スキーマにあるプロジェクトを開きます</translation>
    </message>
    <message>
        <source>Open Team Project</source>
        <translation>チームのプロジェクトを開く</translation>
    </message>
    <message>
        <source>PostgreSQL location of the project, e.g.
postgresql://planner@db.example/ekimachi?schema=takanawa
or service=ekimachi schema=takanawa
Keep passwords in ~/.pgpass or a service file, not here.</source>
        <translation>プロジェクトの PostgreSQL の場所（例:
postgresql://planner@db.example/ekimachi?schema=takanawa
または service=ekimachi schema=takanawa）
パスワードはここではなく ~/.pgpass かサービスファイルに置いてください。</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL location (postgresql://…?schema=NAME or &apos;service=NAME schema=NAME&apos;).</source>
        <translation>%1 は PostgreSQL の場所ではありません（postgresql://…?schema=名前 または &apos;service=名前 schema=名前&apos;）。</translation>
    </message>
    <message>
        <source>Opened %1: upgraded from schema version %2 to %3 (older Ekimachi versions can no longer open it)</source>
        <translation>%1 を開きました: スキーマをバージョン %2 から %3 に更新しました（古い Ekimachi では開けなくなります）</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::MatchPreviewMap</name>
    <message>
        <source>Segment matching preview</source>
        <translation>区間照合のプレビュー</translation>
    </message>
    <message>
        <source>No road segments in the project</source>
        <translation>プロジェクトに道路区間がありません</translation>
    </message>
    <message numerus="yes">
        <source>%n matched segment(s)</source>
        <translation>
            <numerusform>照合された区間 %n 本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unmatched entities (red)</source>
        <translation>
            <numerusform>照合できないエンティティ %n 件（赤）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ekm::widgets::MobilityDock</name>
    <message>
        <source>Mobility</source>
        <translation>モビリティ</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>平日</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>土曜</translation>
    </message>
    <message>
        <source>Sunday / holiday</source>
        <translation>日曜・祝日</translation>
    </message>
    <message>
        <source>:00</source>
        <translation>:00</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>時間帯</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停留所</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>発車便数</translation>
    </message>
    <message>
        <source>Headway (min)</source>
        <translation>運行間隔 (分)</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>1日あたり</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路線</translation>
    </message>
    <message>
        <source>Trips per day</source>
        <translation>1日の便数</translation>
    </message>
    <message>
        <source>First</source>
        <translation>始発</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>運行</translation>
    </message>
    <message>
        <source>Compute Coverage</source>
        <translation>カバー率を計算</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Covered by bus</source>
        <translation>バスでカバー</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Gap cells</source>
        <translation>空白メッシュ数</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>メッシュ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Gaps in the hour</source>
        <translation>この時間の空白地域</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>カバー率</translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>地図に表示</translation>
    </message>
    <message>
        <source>Routes coloured by route and stops sized by departures in the map&apos;s hour</source>
        <translation>路線別に色分けした路線と、地図の時刻の発車便数に応じた大きさのバス停</translation>
    </message>
    <message>
        <source>Open a project with a GTFS feed (import --project P gtfs FEED.zip).</source>
        <translation>GTFS フィードを取り込んだプロジェクトを開いてください (import --project P gtfs FEED.zip)。</translation>
    </message>
    <message>
        <source>Reading the GTFS service…</source>
        <translation>GTFS の運行データを読み込んでいます…</translation>
    </message>
    <message>
        <source>Mobility service</source>
        <translation>モビリティ運行</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>出典: %1</translation>
    </message>
    <message>
        <source>Computing walking catchments…</source>
        <translation>徒歩圏を計算しています…</translation>
    </message>
    <message>
        <source>Mobility coverage</source>
        <translation>モビリティ カバー率</translation>
    </message>
    <message>
        <source>Population of %1. %2</source>
        <translation>%1 の人口。%2</translation>
    </message>
    <message>
        <source>no stop within reach</source>
        <translation>徒歩圏にバス停なし</translation>
    </message>
    <message>
        <source>no departure in this hour</source>
        <translation>この時間に発車なし</translation>
    </message>
    <message>
        <source>Mobility layers</source>
        <translation>モビリティ レイヤー</translation>
    </message>
    <message>
        <source>Bus routes</source>
        <translation>バス路線</translation>
    </message>
    <message>
        <source>Bus stops (departures per hour)</source>
        <translation>バス停 (1時間あたり発車便数)</translation>
    </message>
    <message>
        <source>Ridership</source>
        <translation>利用実績</translation>
    </message>
    <message>
        <source>The map&apos;s date</source>
        <translation>地図の日付</translation>
    </message>
    <message>
        <source>The map&apos;s date (outside the feed&apos;s period: the feed&apos;s representative day of its day type), or the feed&apos;s representative day of a day type (calendar and Japanese holidays)</source>
        <translation>地図の日付 (フィードの期間外なら、その曜日区分のフィードの代表日)、または曜日区分ごとのフィードの代表日 (運行カレンダーと日本の祝日)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2; the feed does not cover %3: its representative day of that type)</source>
        <translation>%1 (%2。フィードは %3 を含まないため、同じ曜日区分の代表日)</translation>
    </message>
    <message>
        <source>%1: %2 trips, %3 departures; services %4</source>
        <translation>%1: %2 便、発車 %3 回、運行 %4</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候補路線</translation>
    </message>
    <message>
        <source>Walking catchments of stops and stations, population covered and gaps, shown on the map</source>
        <translation>バス停・駅の徒歩圏、カバーされる人口と空白地域を計算し、地図に表示します</translation>
    </message>
    <message>
        <source>Stop catchments: walk to the nearest stop (min)</source>
        <translation>バス停の徒歩圏：最寄りバス停までの徒歩時間（分）</translation>
    </message>
    <message>
        <source>Stop catchments: walk to the nearest stop (m)</source>
        <translation>バス停の徒歩圏：最寄りバス停までの徒歩距離（m）</translation>
    </message>
    <message>
        <source>Coverage gaps: people without a bus in the hour</source>
        <translation>交通空白（この時間にバスを使えない滞在人口）</translation>
    </message>
    <message>
        <source>Coverage gaps by reason</source>
        <translation>交通空白の理由</translation>
    </message>
    <message>
        <source>Remove from Map</source>
        <translation>地図から外す</translation>
    </message>
    <message>
        <source>Take the coverage layers off the map and show the population layers they hid again</source>
        <translation>カバー率のレイヤを地図から外し、その下で非表示にした人口のレイヤを再び表示します</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::Notes</name>
    <message>
        <source>; </source>
        <comment>between notes</comment>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::OdMatrixModel</name>
    <message>
        <source>Destination zone</source>
        <translation>着ゾーン</translation>
    </message>
    <message>
        <source>Origin zone</source>
        <translation>発ゾーン</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::OperationDialog</name>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>キャンセルしました。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完了: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ParamsForm</name>
    <message>
        <source>Use the default</source>
        <translation>既定値に戻す</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (必須)</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>期待される値: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>実際の値: %1</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::RidershipPanel</name>
    <message>
        <source>The month of the KPI table, the route chart and the hourly profile</source>
        <translation>指標表・路線別グラフ・時間帯別グラフの対象月</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source> riders a year</source>
        <translation> 人／年</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Computing the ridership KPIs…</source>
        <translation>利用実績の指標を計算しています…</translation>
    </message>
    <message>
        <source>Ridership KPIs</source>
        <translation>利用実績の指標</translation>
    </message>
    <message>
        <source>Riders in %1</source>
        <translation>%1 の利用者数</translation>
    </message>
    <message>
        <source>Riders per day</source>
        <translation>1日平均の利用者数</translation>
    </message>
    <message>
        <source>Change on the same month last year</source>
        <translation>前年同月比</translation>
    </message>
    <message>
        <source>Riders per vehicle-hour</source>
        <translation>運行1時間あたり利用者数</translation>
    </message>
    <message>
        <source>Riders in the last 12 months</source>
        <translation>直近12か月の利用者数</translation>
    </message>
    <message>
        <source>Target a year</source>
        <translation>年間目標</translation>
    </message>
    <message>
        <source>Gap to the target</source>
        <translation>目標との差</translation>
    </message>
    <message>
        <source>Trend (annual riders, change a month)</source>
        <translation>傾向 (年間利用者数の月あたり変化)</translation>
    </message>
    <message>
        <source>Projection: next 12 months</source>
        <translation>推計: 今後12か月の利用者数</translation>
    </message>
    <message>
        <source>Months to the target at the trend</source>
        <translation>現在の傾向で目標に達するまでの月数</translation>
    </message>
    <message>
        <source>Riders in %1 (%2 months)</source>
        <translation>%1 の利用者数 (%2か月分)</translation>
    </message>
    <message>
        <source>Riders per month against the target&apos;s pace</source>
        <translation>月別利用者数と目標ペース</translation>
    </message>
    <message>
        <source>Riders per route in %1</source>
        <translation>%1 の路線別利用者数</translation>
    </message>
    <message>
        <source>No records by stop and trip in this month</source>
        <translation>この月には停留所・便別の記録がありません</translation>
    </message>
    <message>
        <source>Boardings per day by hour (%1)</source>
        <translation>時間帯別の乗車人数 (1日あたり、%1)</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::RunComparisonModel</name>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Run A</source>
        <translation>実行 A</translation>
    </message>
    <message>
        <source>Run B</source>
        <translation>実行 B</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::RunListModel</name>
    <message>
        <source>Scenario file: %1
Started %2, finished %3 (UTC)
Program %4, commit %5</source>
        <translation>シナリオファイル: %1
開始 %2、終了 %3 (UTC)
プログラム %4、コミット %5</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>コミット</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::RunsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Edit Scenario</source>
        <translation>シナリオを編集</translation>
    </message>
    <message>
        <source>Open the scenario of the selected run in the editor</source>
        <translation>選択した実行のシナリオをエディタで開きます</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Compare the two selected runs (the older one is A)</source>
        <translation>選択した2つの実行を比較します (古い方が A)</translation>
    </message>
    <message>
        <source>No runs yet: run a scenario (or `ekimachi-cli run FILE --project P`).</source>
        <translation>まだ実行がありません。シナリオを実行してください (または `ekimachi-cli run FILE --project P`)。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) stored in the project.</source>
        <translation>
            <numerusform>プロジェクトに %n 件の実行が保存されています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>地図に表示</translation>
    </message>
    <message>
        <source>Draw the selected run&apos;s results on mesh cells and streets in the Layers panel</source>
        <translation>選択した実行の結果をメッシュと道路に描き、レイヤパネルに加えます</translation>
    </message>
    <message>
        <source>The run&apos;s table and column drawn on the map</source>
        <translation>地図に描く実行結果の表と列</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ScenarioEditor</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>unknown operation</source>
        <translation>不明な操作</translation>
    </message>
    <message>
        <source>The name of the runs this scenario makes</source>
        <translation>このシナリオによる実行の名前</translation>
    </message>
    <message>
        <source>Parameters (JSON) for every step whose operation has them and which does not set them</source>
        <translation>その項目を持ち、自身で設定していないすべてのステップに与えるパラメータ (JSON)</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>Add Step</source>
        <translation>ステップを追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Steps with the same id are compared between runs</source>
        <translation>同じ ID のステップが実行間で比較されます</translation>
    </message>
    <message>
        <source>Step id</source>
        <translation>ステップ ID</translation>
    </message>
    <message>
        <source>the defaults must be a JSON object</source>
        <translation>既定値は JSON オブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>the defaults are not valid JSON: %1</source>
        <translation>既定値が正しい JSON ではありません: %1</translation>
    </message>
    <message>
        <source>Open a scenario file or make a new scenario.</source>
        <translation>シナリオファイルを開くか、新しいシナリオを作成してください。</translation>
    </message>
    <message>
        <source>New scenario (not saved)</source>
        <translation>新しいシナリオ (未保存)</translation>
    </message>
    <message>
        <source>%1 (changed)</source>
        <translation>%1 (変更あり)</translation>
    </message>
    <message>
        <source>base period %1</source>
        <translation>基準期間 %1</translation>
    </message>
    <message>
        <source>edits</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Also given to the steps that have such fields: %1.</source>
        <translation>その項目を持つステップにも与えられます: %1。</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>期待される値: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>実際の値: %1</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::ScenariosDock</name>
    <message>
        <source>Scenarios</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Open a scenario file (JSON)</source>
        <translation>シナリオファイル (JSON) を開きます</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>A new scenario with one step of the operation chosen below</source>
        <translation>下で選んだ操作のステップを1つ持つ新しいシナリオ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run the scenario on the open project and keep its results there</source>
        <translation>開いているプロジェクトでシナリオを実行し、結果をプロジェクトに保存します</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Open a project to run scenarios on it.</source>
        <translation>シナリオを実行するにはプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 を開きました。</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>%1 を開けませんでした。</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>シナリオを開く</translation>
    </message>
    <message>
        <source>Scenario files (*.json)</source>
        <translation>シナリオファイル (*.json)</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>シナリオを保存</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 を保存できませんでした。</translation>
    </message>
    <message>
        <source>Export comparison into folder</source>
        <translation>比較をフォルダにエクスポート</translation>
    </message>
    <message>
        <source>The scenario of run %1; running it makes a new run.</source>
        <translation>実行 %1 のシナリオです。実行すると新しい実行になります。</translation>
    </message>
    <message>
        <source>Run %1&apos;s scenario is not valid JSON: %2</source>
        <translation>実行 %1 のシナリオが正しい JSON ではありません: %2</translation>
    </message>
    <message>
        <source>Runs %1 → %2</source>
        <translation>実行 %1 → %2</translation>
    </message>
    <message>
        <source>On the map: %1.</source>
        <translation>地図に表示中: %1。</translation>
    </message>
    <message>
        <source>Check the marked parameter.</source>
        <translation>印の付いたパラメータを確認してください。</translation>
    </message>
    <message>
        <source>The scenario is not valid.</source>
        <translation>シナリオが正しくありません。</translation>
    </message>
    <message>
        <source>Cancel came too late: run %1 was already stored.</source>
        <translation>キャンセルが間に合いませんでした。実行 %1 はすでに保存されています。</translation>
    </message>
    <message>
        <source>Run cancelled: nothing was stored.</source>
        <translation>実行をキャンセルしました。何も保存されていません。</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>シナリオ %1</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 を実行中…</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 stored: %n step(s) in %2 s.</source>
        <translation>
            <numerusform>実行 %1 を保存しました: %n ステップ、%2 秒。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): %1</source>
        <translation>
            <numerusform>警告 %n 件: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation>実行に失敗しました: %1</translation>
    </message>
    <message>
        <source>Stored runs</source>
        <translation>保存された実行</translation>
    </message>
    <message>
        <source>Could not list the runs: %1</source>
        <translation>実行の一覧を取得できませんでした: %1</translation>
    </message>
    <message>
        <source>Comparing run %1 with run %2…</source>
        <translation>実行 %1 と実行 %2 を比較中…</translation>
    </message>
    <message>
        <source>Compare runs %1 and %2</source>
        <translation>実行 %1 と %2 の比較</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>比較に失敗しました: %1</translation>
    </message>
    <message>
        <source>Export comparison to %1</source>
        <translation>比較を %1 にエクスポート</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written to %1 (CSV tables; GeoJSON layers for cells and segments).</source>
        <translation>
            <numerusform>%n 個のファイルを %1 に書き出しました (CSV テーブル、セルと区間の GeoJSON レイヤ)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
    <message>
        <source>%1 / %2 has no map geometry here (no mesh or no road segments in the project).</source>
        <translation>%1 / %2 はここでは地図に描けません（プロジェクトにメッシュまたは道路区間がありません）。</translation>
    </message>
    <message>
        <source>Reading run %1&apos;s results…</source>
        <translation>実行 %1 の結果を読み込んでいます…</translation>
    </message>
    <message>
        <source>Results of run %1</source>
        <translation>実行 %1 の結果</translation>
    </message>
    <message>
        <source>Run %1 has no results on mesh cells or streets to draw.</source>
        <translation>実行 %1 にはメッシュや道路に描ける結果がありません。</translation>
    </message>
    <message>
        <source>Could not read the run: %1</source>
        <translation>実行を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>%1 / %2 has no map geometry here (mesh cells, road segments and result lines only); export it instead.</source>
        <translation>%1 / %2 はここでは地図に表示できません (メッシュセル、道路区間、結果の線のみ)。エクスポートしてください。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::StyleDialog</name>
    <message>
        <source>Quantile (equal count)</source>
        <translation>分位数（等量）</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>等間隔</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然分類（Jenks）</translation>
    </message>
    <message>
        <source>Fixed breaks</source>
        <translation>固定区分</translation>
    </message>
    <message>
        <source>Enter at least two break values separated by commas, e.g. 0, 100, 500.</source>
        <translation>区分値をカンマ区切りで2つ以上入力してください（例: 0, 100, 500）。</translation>
    </message>
    <message>
        <source>Value %1 is empty: remove the extra comma.</source>
        <translation>%1 番目の値が空です。余分なカンマを削除してください。</translation>
    </message>
    <message>
        <source>Value %1 (“%2”) is not a number.</source>
        <translation>%1 番目の値（「%2」）は数値ではありません。</translation>
    </message>
    <message>
        <source>Value %1 (%2) must be greater than value %3 (%4): breaks must be strictly ascending.</source>
        <translation>%1 番目の値（%2）は %3 番目の値（%4）より大きくなければなりません。区分値は昇順で重複なく入力してください。</translation>
    </message>
    <message>
        <source>Enter at least two break values (the lower and upper bound of one class).</source>
        <translation>区分値を2つ以上入力してください（1階級の下限と上限）。</translation>
    </message>
    <message>
        <source>At most %1 break values (%2 classes); %3 were given.</source>
        <translation>区分値は最大 %1 個（%2 階級）までです。%3 個入力されています。</translation>
    </message>
    <message>
        <source>Style: %1</source>
        <translation>スタイル: %1</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度:</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>階級</translation>
    </message>
    <message>
        <source>Values in sample</source>
        <translation>サンプル中の件数</translation>
    </message>
    <message>
        <source>This layer has no classes to edit; only its opacity can be changed.</source>
        <translation>このレイヤには編集できる階級がありません。不透明度のみ変更できます。</translation>
    </message>
    <message>
        <source>Classification:</source>
        <translation>分類方法:</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>階級数:</translation>
    </message>
    <message>
        <source>e.g. 0, 100, 250, 500, 1000</source>
        <translation>例: 0, 100, 250, 500, 1000</translation>
    </message>
    <message>
        <source>Class edges, lowest first, separated by commas: n + 1 values give n classes.</source>
        <translation>階級の境界値を小さい順にカンマ区切りで入力します。n + 1 個の値で n 階級になります。</translation>
    </message>
    <message>
        <source>Breaks:</source>
        <translation>区分値:</translation>
    </message>
    <message>
        <source>Colour ramp:</source>
        <translation>カラーランプ:</translation>
    </message>
    <message>
        <source>Reverse ramp</source>
        <translation>ランプを反転</translation>
    </message>
    <message>
        <source>There are no values to classify; choose fixed breaks.</source>
        <translation>分類する値がありません。固定区分を選んでください。</translation>
    </message>
    <message>
        <source>Only %1 classes: many values are equal, so some breaks coincide.</source>
        <translation>階級は %1 個のみです。同じ値が多いため、一部の区分値が重なっています。</translation>
    </message>
    <message>
        <source>No sample values: class counts are not available.</source>
        <translation>サンプル値がないため、階級ごとの件数は表示できません。</translation>
    </message>
    <message>
        <source>%1 sample values (%2 missing).</source>
        <translation>サンプル値 %1 件（欠測 %2 件）。</translation>
    </message>
    <message>
        <source>The preview shows the last valid classes.</source>
        <translation>プレビューは最後に有効だった階級を表示しています。</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Kernel radius on the ground: each point spreads its weight over this distance (quartic kernel, as in QGIS)</source>
        <translation>地上でのカーネル半径：各点の重みをこの距離の範囲に分散させます（QGIS と同じ四次カーネル）</translation>
    </message>
    <message>
        <source>Radius:</source>
        <translation>半径:</translation>
    </message>
    <message>
        <source>The colour scale is fixed over the whole period, so colours compare between hours.</source>
        <translation>色の尺度は全期間で固定されているため、時刻間で色を比較できます。</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::TaskManager</name>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>エラー：%1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>不明なエラー</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::TasksDock</name>
    <message>
        <source>Tasks</source>
        <translation>タスク</translation>
    </message>
</context>
<context>
    <name>ekm::widgets::TasksPanel</name>
    <message>
        <source>No tasks.</source>
        <translation>タスクはありません。</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>終了したタスクを消去</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>実行中：%1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
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
    <message>
        <source>Playing speed: hours of data per second</source>
        <translation>再生速度：1 秒あたりに進めるデータの時間数</translation>
    </message>
    <message>
        <source>%1 h/s</source>
        <translation>%1 時間/秒</translation>
    </message>
    <message>
        <source>Days that playing and stepping visit</source>
        <translation>再生・コマ送りの対象とする日</translation>
    </message>
    <message>
        <source>All days</source>
        <translation>すべての日</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>平日</translation>
    </message>
    <message>
        <source>Saturdays</source>
        <translation>土曜</translation>
    </message>
    <message>
        <source>Sundays and holidays</source>
        <translation>日曜・祝日</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Pause the animation (Ctrl+Space)</source>
        <translation>アニメーションを一時停止 (Ctrl+Space)</translation>
    </message>
    <message>
        <source>Play the hours as an animation (Ctrl+Space)</source>
        <translation>時刻を順に進めてアニメーション再生 (Ctrl+Space)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ekimachi: station-area GIS workstation</source>
        <translation>駅まち：駅周辺 GIS ワークステーション</translation>
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
        <source>Invalid --hour &apos;%1&apos;: expected YYYY-MM-DDTHH[:00] (JST)</source>
        <translation>--hour &apos;%1&apos; が不正です：YYYY-MM-DDTHH[:00]（日本時間）の形式で指定してください</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 に書き込めませんでした</translation>
    </message>
    <message>
        <source>Project to open: a .gpkg file or a PostgreSQL location (postgresql://…?schema=NAME or &apos;service=NAME schema=NAME&apos;)</source>
        <translation>開くプロジェクト: .gpkg ファイルまたは PostgreSQL の場所（postgresql://…?schema=名前 または &apos;service=名前 schema=名前&apos;）</translation>
    </message>
</context>
</TS>
