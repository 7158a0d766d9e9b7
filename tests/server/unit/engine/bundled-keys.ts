/**
 * Answer keys of the bundled set that a test cannot read back from the files alone.
 */

/**
 * A regex key has no accepted values to read back, so each regex task carries inputs here
 * that a player should be able to type, chosen from the task's prompt, clues and debrief in
 * its challenge.yaml. A new regex task fails the suite until it gets its own entry.
 */
export const REGEX_KNOWN_GOOD: Record<string, { good: string[]; bad: string[] }> = {
  // Debrief: "the **EC2 TimeSync service**, today the **Amazon Time Sync Service**"; clue 2 accepts "EC2 …", "Amazon …", "… Service".
  'aurora-limitless-routers/bounded-clocks': {
    good: [
      'EC2 TimeSync service',
      'Amazon Time Sync Service',
      'Amazon Time Sync Service (ATSS)',
      'time sync',
      'Time-Sync',
      'TimeSync',
      'EC2 TimeSync サービス',
      'Amazon Time Sync サービス',
      'ＥＣ２　ＴｉｍｅＳｙｎｃ',
      'Amazon EC2 タイムシンクサービス',
      'Amazon Time Sync Service（ATSS）',
      'EC2 時刻同期サービス',
      'Amazon 時刻同期サービス',
    ],
    bad: ['NTP', 'TimeSync daemon', 'chrony', 'ClockBound', 'Amazon Timestream', '時刻同期'],
  },
  // Debrief: "**Amazon Route 53 Application Recovery Controller**, today **Amazon Application Recovery Controller (ARC)**", and its "**zonal shift**".
  'gray-failure/isolate-the-az': {
    good: [
      'Amazon Route 53 Application Recovery Controller',
      'Amazon Application Recovery Controller (ARC)',
      'Route 53 ARC',
      'ARC',
      'route53 arc',
      'Application Recovery Controller',
      'zonal shift',
      'ARC zonal shift',
      'アプリケーションリカバリーコントローラー',
      'ゾーンシフト',
      'ARC のゾーンシフト',
      'AWS ARC',
      'Amazon Application Recovery Controller のゾーンシフト',
      'ゾーナルシフト',
      'Route 53 ARC routing control',
      'ARC のルーティングコントロール',
    ],
    bad: [
      'Route 53',
      'Route 53 health checks',
      'ARC Zonal Shift tool',
      'zonal autoshift',
      'Global Accelerator',
      'search',
      'routing control',
      'ゾーンオートシフト',
    ],
  },
  // Debrief: "took **10–30 seconds**" (ja: "10〜30 秒").
  'lambda-tuning/vpc-cold-start': {
    good: ['10–30 seconds', '10-30', '10 to 30 seconds', '10〜30 秒', '10s-30s', '１０～３０秒', 'between 10 and 30 seconds', '約10〜30秒', '10秒から30秒'],
    bad: ['10', '30 seconds', '100-300 ms', '1-3 seconds', '10-300', '110-30'],
  },
  // Debrief: "Take **CPUs 8–15** offline"; the latter half of the 16 logical CPUs, in any range notation.
  'ec2-performance/ht-offline': {
    good: ['8-15', '8〜15', '8–15', 'CPU 8-15', 'cpu8-cpu15', '8 to 15', '8,9,10,11,12,13,14,15', '８－１５'],
    bad: ['0-7', '8', '8-16', '0-15', '9-15', '1-8'],
  },
  // Debrief: "A **presigned URL**" (ja: "**署名付き URL**"); a presigned POST does the same for forms.
  'frugal-uploads/direct-upload': {
    good: [
      'presigned URL',
      'pre-signed URL',
      'S3 presigned URL',
      'Amazon S3 pre-signed URLs',
      'presigned urls',
      'presigned POST',
      '署名付き URL',
      'S3 の署名付きURL',
      '署名付きＵＲＬ',
      '事前署名付き URL',
      'S3 の事前署名済み URL',
    ],
    bad: ['signed URL', 'CloudFront signed URL', 'bucket policy', 'S3 Transfer Acceleration', 'presigned'],
  },
};

/**
 * For each choice, order and match task: phrases that would state its key, in English and
 * Japanese. The leak test fails when one appears in anything a team reads before solving the
 * task (briefing, summary, source, prompts, clues, other tasks' labels and debriefs).
 */
export const GIVEAWAYS: Record<string, { en: string[]; ja: string[] }> = {
  'aurora-global-bluegreen/global-replication': {
    en: ['at the storage layer', 'over dedicated infrastructure'],
    ja: ['ストレージの層で', '専用のインフラを使い'],
  },
  'aurora-global-bluegreen/global-pattern': { en: ['pattern 3', 'it is pattern 3'], ja: ['パターン 3'] },
  'aurora-global-bluegreen/which-operation': {
    en: ['a switchover (formerly', 'is for planned moves', 'a failover with data loss allowed is for an outage'],
    ja: ['スイッチオーバー(以前は', '計画的な移行のためのもの', 'データ損失を許可したフェイルオーバーは障害時'],
  },
  'aurora-global-bluegreen/bluegreen-steps': { en: ['create → change green → test'], ja: ['作成 → グリーンを変更 → テスト'] },
  'aurora-global-bluegreen/after-switchover': {
    en: ["green takes blue's names and endpoints", 'no need for application changes'],
    ja: ['グリーンがブルーの名前とエンドポイントを引き継', 'アプリケーションの変更は不要'],
  },
  'aurora-limitless-routers/router-jobs': {
    en: ["the routers provide the shard group's endpoint", 'hand out time for time-based transactions'],
    ja: ['ルーターはシャードグループのエンドポイントを提供し'],
  },
  'aurora-limitless-routers/fan-out-or-not': { en: ['i.customer_id = o.customer_id'], ja: ['i.customer_id = o.customer_id'] },
  'aurora-limitless-routers/query-path': { en: ['receive the time and the plan, execute, and return'], ja: ['時刻と実行計画を受け取って実行し'] },
  'aurora-limitless-routers/single-shard-commit': {
    en: ['the data access shard commits', 'commits or rolls back on its own', 'committed or rolled back by that shard'],
    ja: ['データアクセスシャードが自らコミット', '自らコミット・ロールバック'],
  },
  'aurora-limitless-routers/table-modes': {
    en: ['a reference table is small and rarely updated, so it is placed on every shard', 'collocation keeps related rows'],
    ja: ['リファレンステーブルは小さく更新が少ないため', 'コロケーションは関連する行'],
  },
  'aurora-storage/storage-layout': { en: ['cluster volume across three azs'], ja: ['三つの az にまたがる一つのクラスターボリューム'] },
  'aurora-storage/serverless-v2': { en: ['concentrates in a certain period'], ja: ['一定時間に集中して負荷が高まる'] },
  'aurora-storage/io-candidate': { en: ['cluster b: i/o is more than half'], ja: ['クラスター b です'] },
  'capability-oriented-architecture/five-steps': {
    en: ['1. identify capabilities → 2. set each'],
    ja: ['1. 能力(機能)を明らかにする → 2.'],
  },
  'capability-oriented-architecture/search-requirements': {
    en: ['scalability, performance and availability'],
    ja: ['スケーラビリティ・パフォーマンス・可用性'],
  },
  'cicd-blackday-gate/code-family': {
    en: ['codecommit, codebuild, codedeploy and codepipeline', 'the four brothers: codecommit'],
    ja: ['4 兄弟は codecommit'],
  },
  'cicd-blackday-gate/what-gate-does': {
    en: ['stops deployments on dates when deploying is not allowed'],
    ja: ['デプロイしてはいけない日付の場合にデプロイを止める'],
  },
  'cicd-blackday-gate/gate-store': { en: ['records in amazon dynamodb'], ja: ['amazon dynamodb のレコードとして保存'] },
  'dynamodb-cost/cost-levers': {
    en: ['sizing, scheduling, pricing model and data modeling', "the session's four levers: sizing"],
    ja: ['サイジング・スケジューリング・価格体系・データモデリング'],
  },
  'dynamodb-cost/on-demand-when': {
    en: ['on-demand fits when you must avoid'],
    ja: ['オンデマンドが向くのは、オートスケーリングの設定'],
  },
  'ec2-performance/tune-first': { en: ['start with the cpu'], ja: ['cpu から始めるとよい'] },
  'ec2-performance/cpu-options': { en: ['set cpu options at launch', 'threadspercore=1'], ja: ['起動時に cpu オプションを指定'] },
  'ec2-performance/tuning-levers': {
    en: ['numa balancing keeps memory near the cpu', 'a cluster placement group packs instances'],
    ja: ['numa バランシングはメモリを', 'クラスタープレイスメントグループは'],
  },
  'ec2-performance/network-credits': { en: ['network bandwidth: the smaller r4 sizes'], ja: ['ネットワーク帯域です'] },
  'ec2-vcpu/vcpu-is': { en: ['a vcpu is a hyper-thread'], ja: ['vcpu はハイパースレッディングの論理コア'] },
  'ec2-vcpu/memory-ratio': { en: ['r4 = 8 gib : 1 vcpu', 'x1 = 16 gib : 1 vcpu'], ja: ['r4 = 8 gib : 1 vcpu'] },
  'ecr-pull-flow/registry-parts': {
    en: ['the proxy service receives', 'tags and metadata sit in dynamodb', 'blobs (manifests and layers) sit in s3'],
    ja: ['proxy service が `docker push`', 'タグとメタデータは dynamodb', 'blob(マニフェストとレイヤー)は s3'],
  },
  'ecr-pull-flow/every-call': {
    en: ['authentication, authorization and throttling', 'authenticated, authorized and throttled'],
    ja: ['認証・認可・スロットリング'],
  },
  'ecr-pull-flow/order-the-pull': {
    en: ['1. the client asks for the manifest', 'described the pull in three steps. 1.'],
    ja: ['1. クライアントがマニフェストを要求し'],
  },
  'ecs-cells/cell-failure': { en: ['one cell goes down, the others keep running'], ja: ['一つのセルが落ちても他のセルは稼働し続ける'] },
  'ecs-cells/rollout': { en: ['one az of one cell and gradually increases'], ja: ['一つのセルの一つの az からデプロイを始め'] },
  'ecs-cells/downstream-blue-green': {
    en: ['also switches the blue/green of the downstream service'],
    ja: ['通信先のマイクロサービスの blue/green も切り替えられる'],
  },
  'edge-services/tls-termination': { en: ['near the end users the tls termination point'], ja: ['エンドユーザーの近くを tls の終端'] },
  'edge-services/edge-jobs': {
    en: ['bot detection, user-agent checks, response generation'],
    ja: ['bot 判定、user-agent の判定、レスポンス生成'],
  },
  'edge-services/shield-advanced': {
    en: ['attack reports, 24/7 support and billing protection'],
    ja: ['攻撃時のレポート、24 時間体制のサポート、請求保護'],
  },
  'fis-experiments/injected-faults': {
    en: ['the templates stopped the only rdb instance'],
    ja: ['テンプレートの内容は、1 台しかない rdb のインスタンスの停止'],
  },
  'fis-experiments/workshop-scoring': {
    en: ['teams scored when they fixed the environment', 'lost points when they looked at the answer'],
    ja: ['修正できれば加点', '答えを見ると減点'],
  },
  'fis-experiments/before-you-break': {
    en: ['decide what to test from the current configuration', 'harden beforehand'],
    ja: ['どこをテストするかを決めてテンプレートを作り'],
  },
  'frugal-uploads/where-cost': {
    en: ['every byte of every upload through servers you pay for'],
    ja: ['すべてのアップロードのすべてのバイトが、料金を払っているサーバーを通ります'],
  },
  'frugal-uploads/upload-flow': { en: ['ask and authorise → hand out a short-lived link'], ja: ['申し出と認可 → 一つのキーに限った短命のリンクを渡す'] },
  'graviton-migration/portability': { en: ['develops in go, and cross-compilation'], ja: ['go 言語で開発しており、クロスコンパイル'] },
  'graviton-migration/remaining-work': {
    en: ['the only effort was adjusting ci/cd and testing after the migration'],
    ja: ['ci/cd 周りの調整と移行後のテストの工数だけ'],
  },
  'gray-failure/name-the-failure': {
    en: ['a gray failure looks different from different viewpoints', 'a brownout degrades without going down'],
    ja: ['グレー障害は視点によって見え方が変わり', 'ブラウンアウトは止まらずに品質が落ちて'],
  },
  'gray-failure/az-independence': {
    en: ['cross-zone load balancing off on the alb', 'an eks fargate profile and a deployment per az'],
    ja: ['クロスゾーン負荷分散をオフにし', 'fargate プロファイルと deployment を az ごと'],
  },
  'gray-failure/composite-alarm': {
    en: ['it is not region-wide, and (4) it is not a primary db failure'],
    ja: ['リージョン全体の障害ではなく、(4)db プライマリの障害でもない'],
  },
  'incident-commander/incident-work': {
    en: ['detection, understanding the impact, communicating with stakeholders'],
    ja: ['検知、影響範囲の把握、ステークホルダーとのコミュニケーション'],
  },
  'incident-commander/commander-role': { en: ['overall traffic control and the decision-making'], ja: ['全体の交通整理と意思決定を担います'] },
  'incident-commander/who-can-command': {
    en: ['understanding how the services connect and deciding quickly'],
    ja: ['サービスがどのように連携しているかの理解と、行動方針に対する迅速な意思決定'],
  },
  'kinesis-service-choice/fresh-data': {
    en: ['the newer the data, the more valuable it is for decisions'],
    ja: ['新しいデータほど意思決定における価値が高い'],
  },
  'kinesis-service-choice/kinesis-family': {
    en: ['kinesis streams, kinesis analytics and kinesis firehose'],
    ja: ['kinesis streams、kinesis analytics、kinesis firehose の三つ'],
  },
  'kinesis-service-choice/pick-the-service': {
    en: ['for fine-grained control use kinesis streams'],
    ja: ['細かく制御するなら kinesis streams'],
  },
  'kinesis-service-choice/stream-vs-queue': { en: ['a shard can be read multiple times'], ja: ['シャードは複数回読み取れる'] },
  'lambda-tuning/why-slow': {
    en: ['the five causes: the program, too little compute'],
    ja: ['五つの原因は、プログラムの問題、コンピューティングリソースの不足'],
  },
  'lambda-tuning/memory-knob': { en: ['memory setting is the setting for all compute resources'], ja: ['メモリ設定がコンピューティングリソース全体の設定'] },
  'lambda-tuning/hidden-duration': {
    en: ['eni creation, container creation and runtime start-up'],
    ja: ['eni の作成、コンテナの作成、ランタイムの起動時間'],
  },
  'mercari-sre/site-platform': {
    en: ['japan on sakura internet, the us on aws, the uk on google cloud platform'],
    ja: ['日本はさくらインターネット、アメリカは aws、イギリスは google cloud platform'],
  },
  'mercari-sre/why-vms': { en: ['to remove the differences between environments'], ja: ['環境間の差異をなくすため'] },
  'mercari-sre/vm-price': {
    en: ['patching and upgrades and failover and backups stay with the team'],
    ja: ['パッチ適用とアップグレード、そしてフェイルオーバーとバックアップがチームに残ります'],
  },
  'multi-region-patterns/why-multi-region': { en: ['a multi-az system stops'], ja: ['マルチ az のシステムは停止します'] },
  'multi-region-patterns/pattern-use-case': {
    en: ['active/passive → disaster recovery', 'dual writes → read-heavy with rpo = 0'],
    ja: ['active/passive → ディザスタリカバリ', '二重書き込み → 読み取りが多く rpo = 0'],
  },
  'multi-region-patterns/pattern-sync': {
    en: ['patterns 2 and 4 have no sync', 'one-way async replication (patterns 1 and 3)'],
    ja: ['パターン 2 と 4 は同期なし'],
  },
  'multi-region-patterns/no-failover': {
    en: ['patterns 4 (dual writes) and 5 (multiple writers) need no failover'],
    ja: ['パターン 4(二重書き込み) と 5(複数ライター) はフェイルオーバー/フェイルバックの考慮が不要'],
  },
  'multi-region-patterns/dual-write-duties': {
    en: ['idempotent operations and atomic data changes'],
    ja: ['操作の冪等性とデータの原子性'],
  },
  'purpose-built-bookstore/what-decides': {
    en: ['the requirements those patterns impose determine which database'],
    ja: ['アクセスパターンが課す要件によって最適なデータベースが決まる'],
  },
  'purpose-built-bookstore/bookstore-match': {
    en: ['catalog and cart on dynamodb, orders on aurora postgresql'],
    ja: ['カタログとカートは dynamodb、注文は aurora postgresql'],
  },
  'purpose-built-bookstore/zozomo-split': {
    en: ['system of record on amazon dynamodb', 'derived-data system on amazon aurora'],
    ja: ['記録のシステムに amazon dynamodb', '導出データシステムに amazon aurora'],
  },
  'third-party-proxy/proxy-parts': {
    en: ['the circuit breaker detects its failures and blocks requests', 'the state watcher monitors'],
    ja: ['サーキットブレーカーが障害を検知して一時的にリクエストを遮断し', 'ステートウォッチャーがその非同期処理の状態を監視'],
  },
  'third-party-proxy/load-mitigation': { en: ['load mitigation: rate limiting and caching'], ja: ['負荷の緩和はレートリミットとキャッシュ'] },
  'warm-up/clue-roles': { en: ['clue 1 gives a foothold; clue 2 shows the way'], ja: ['ヒント 1 は取っ掛かりを、ヒント 2 は解き方を'] },
  'warm-up/team-score': {
    en: ['challenges cleared within the time and the clues used'],
    ja: ['時間内にクリアしたチャレンジと使用したヒントを総合'],
  },
};
