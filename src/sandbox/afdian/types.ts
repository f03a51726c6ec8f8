/** Shapes of the Afdian open API as the real service returns them (snake_case, amounts as decimal strings). */

export interface AfdianSkuDetail {
  sku_id: string;
  count: number;
  name: string;
  album_id: string;
  pic: string;
}

export interface AfdianOrder {
  out_trade_no: string;
  custom_order_id: string;
  user_id: string;
  user_private_id: string;
  /** '' for a custom-amount (自选) sponsorship */
  plan_id: string;
  title: string;
  month: number;
  total_amount: string;
  show_amount: string;
  status: number;
  remark: string;
  redeem_id: string;
  /** 0 sponsorship plan, 1 goods */
  product_type: number;
  discount: string;
  sku_detail: AfdianSkuDetail[];
  address_person: string;
  address_phone: string;
  address_address: string;
}

export interface AfdianSku {
  sku_id: string;
  plan_id: string;
  name: string;
  desc: string;
  pic: string;
  stock: number;
  price: string;
  reply_content: string;
  reply_random_content: string;
}

export interface AfdianPlan {
  plan_id: string;
  rank: number;
  name: string;
  pic: string;
  desc: string;
  price: string;
  pay_month: number;
  independent: number;
  permanent: number;
  need_address: number;
  product_type: number;
  reply_content: string;
  /** newline-separated pool; each order draws one line */
  random_reply_content: string;
  /** seconds */
  update_time: number;
  skus: AfdianSku[];
}

export interface AfdianUser {
  user_id: string;
  user_private_id: string;
  name: string;
  avatar: string;
}

export interface AfdianMessage {
  recipient: string;
  content: string;
  /** seconds */
  sent_at: number;
}

export interface AfdianWebhookDelivery {
  out_trade_no: string;
  url: string;
  /** 0 when the connection failed */
  status: number;
  body: string;
  /** seconds */
  at: number;
}

export interface AfdianState {
  /** the creator who owns the developer account (also the OAuth account) */
  creator: AfdianUser;
  plans: AfdianPlan[];
  sponsors: Map<string, AfdianUser>;
  /** oldest first; the API answers newest first */
  orders: AfdianOrder[];
  /** out_trade_no → payment time in seconds (orders carry no timestamp field of their own) */
  paidAt: Map<string, number>;
  /** out_trade_no → the random reply line drawn at payment */
  randomReplies: Map<string, string>;
  messages: AfdianMessage[];
  deliveries: AfdianWebhookDelivery[];
}

export interface AfdianEnvelope {
  ec: number;
  em: string;
  data?: unknown;
}
