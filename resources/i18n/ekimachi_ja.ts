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
    <name>ekm::widgets::ForecastDock</name>
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
        <source>Invalid --hour &apos;%1&apos;: expected YYYY-MM-DDTHH[:00] (JST)</source>
        <translation>--hour &apos;%1&apos; が不正です：YYYY-MM-DDTHH[:00]（日本時間）の形式で指定してください</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 に書き込めませんでした</translation>
    </message>
</context>
</TS>
