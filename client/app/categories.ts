import type { Lang } from '../api-types.ts';

/**
 * Category names are written once in the challenge files, usually in English; the common ones
 * read in Japanese on the Japanese UI. Others show as written.
 */
const JA: Readonly<Record<string, string>> = {
  Analytics: '分析',
  Architecture: 'アーキテクチャ',
  'Architecture & Delivery': 'アーキテクチャとデリバリー',
  Compute: 'コンピューティング',
  'Compute & Containers': 'コンピューティングとコンテナ',
  Containers: 'コンテナ',
  'Data & Streaming': 'データとストリーミング',
  Databases: 'データベース',
  Networking: 'ネットワーク',
  Operations: '運用',
  Resilience: 'レジリエンス',
  Security: 'セキュリティ',
  Serverless: 'サーバーレス',
  Storage: 'ストレージ',
  Testing: 'テスト',
  'Warm-up': 'ウォームアップ',
};

export function categoryLabel(category: string, lang: Lang): string {
  return lang === 'ja' ? (JA[category] ?? category) : category;
}
