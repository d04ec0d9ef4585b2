/**
 * Realistic, reproducible register rows for bench/register.bench.ts: manufacturers with a long-tailed share of
 * certificates (a few makers hold most, as in EPREL or the FCC ID database), their brands and model series, model
 * codes and variants in Latin, Cyrillic and Persian script, HS codes, standards, statuses and issue dates.
 */
import { hsDigitsOf, registerKey } from '../server/domain/register/register-keys.ts';
import type { RegisterRecord } from '../server/store/port.ts';

/** A small, fast, seeded PRNG (mulberry32), so every run builds the same register. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Maker {
  name: string;
  brands: string[];
  series: string[];
  /** Model code pattern: the series followed by this kind of code. */
  code: 'number' | 'alnum' | 'dashed';
}

export const makers: Maker[] = [
  { name: 'Samsung Electronics Co., Ltd.', brands: ['Samsung', 'Galaxy'], series: ['Galaxy A', 'Galaxy S', 'Galaxy Z Fold', 'Galaxy Tab S', 'SM-A', 'SM-G'], code: 'alnum' },
  { name: 'Huawei Technologies Co., Ltd.', brands: ['HUAWEI'], series: ['P', 'Mate', 'nova', 'MatePad', 'B535', 'AX3', 'E5785'], code: 'number' },
  { name: 'Xiaomi Communications Co., Ltd.', brands: ['Xiaomi', 'Redmi', 'POCO'], series: ['Redmi Note', 'Redmi', 'POCO X', 'POCO F', 'Xiaomi', 'Mi Router AX'], code: 'number' },
  { name: 'Apple Inc.', brands: ['Apple'], series: ['iPhone', 'iPad Air', 'iPad Pro', 'Watch Series', 'A'], code: 'number' },
  { name: 'ZTE Corporation', brands: ['ZTE', 'nubia'], series: ['Blade A', 'Blade V', 'MF', 'MC', 'ZXHN F'], code: 'alnum' },
  { name: 'TP-Link Technologies Co., Ltd.', brands: ['TP-Link', 'Deco', 'Tapo'], series: ['Archer AX', 'Archer C', 'Deco X', 'Tapo C', 'TL-WR', 'EAP'], code: 'number' },
  { name: 'OPPO Guangdong Mobile Telecommunications Corp., Ltd.', brands: ['OPPO'], series: ['Reno', 'Find X', 'A', 'CPH'], code: 'alnum' },
  { name: 'vivo Mobile Communication Co., Ltd.', brands: ['vivo', 'iQOO'], series: ['V', 'Y', 'X', 'iQOO Neo'], code: 'number' },
  { name: 'Honor Device Co., Ltd.', brands: ['HONOR'], series: ['Magic', 'X', 'Pad', 'ALI-NX'], code: 'number' },
  { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', brands: ['HIKVISION', 'EZVIZ'], series: ['DS-2CD', 'DS-2DE', 'DS-7608NI', 'CS-C6N'], code: 'dashed' },
  { name: 'Zhejiang Dahua Technology Co., Ltd.', brands: ['Dahua', 'Imou'], series: ['IPC-HFW', 'IPC-HDBW', 'NVR4', 'SD49'], code: 'dashed' },
  { name: 'Nokia Solutions and Networks Oy', brands: ['Nokia'], series: ['FastMile', 'Beacon', 'G-240W', 'XS-2426G'], code: 'dashed' },
  { name: 'Telefonaktiebolaget LM Ericsson', brands: ['Ericsson'], series: ['Radio', 'AIR', 'Router', 'Baseband'], code: 'number' },
  { name: 'Quectel Wireless Solutions Co., Ltd.', brands: ['Quectel'], series: ['EC2', 'EG9', 'RM5', 'BG9', 'SIM'], code: 'alnum' },
  { name: 'Fibocom Wireless Inc.', brands: ['Fibocom'], series: ['FM1', 'L8', 'FG', 'MC9'], code: 'alnum' },
  { name: 'MikroTik SIA', brands: ['MikroTik'], series: ['hAP ax', 'RB', 'CRS3', 'cAP ac', 'LtAP'], code: 'alnum' },
  { name: 'Ubiquiti Inc.', brands: ['UniFi', 'airMAX'], series: ['U6', 'U7 Pro', 'UDM', 'NanoStation', 'LiteBeam'], code: 'alnum' },
  { name: 'Cisco Systems, Inc.', brands: ['Cisco', 'Meraki'], series: ['Catalyst', 'ISR', 'MR', 'MX', 'C9200L'], code: 'dashed' },
  { name: 'Lenovo (Beijing) Limited', brands: ['Lenovo', 'Motorola'], series: ['Tab P', 'Tab M', 'moto g', 'edge'], code: 'number' },
  { name: 'Tecno Mobile Limited', brands: ['TECNO'], series: ['Spark', 'Camon', 'Pova', 'Phantom'], code: 'number' },
  { name: 'Infinix Mobility Limited', brands: ['Infinix'], series: ['Hot', 'Note', 'Zero', 'Smart'], code: 'number' },
  { name: 'Ruijie Networks Co., Ltd.', brands: ['Ruijie', 'Reyee'], series: ['RG-EW', 'RG-AP', 'RG-ES', 'RG-NBS'], code: 'dashed' },
  { name: 'New H3C Technologies Co., Ltd.', brands: ['H3C'], series: ['S5130', 'MSR', 'WA6', 'Magic'], code: 'alnum' },
  { name: 'Teltonika Networks UAB', brands: ['Teltonika'], series: ['RUT', 'RUTX', 'TRB', 'FMB'], code: 'number' },
  { name: 'Garmin International, Inc.', brands: ['Garmin'], series: ['Forerunner', 'fenix', 'inReach Mini', 'Venu'], code: 'number' },
  { name: "Société Générale d'Électronique", brands: ['Électra', 'Élan'], series: ['ÉLAN', 'Réseau', 'Fibre Sûre'], code: 'dashed' },
  { name: 'ООО «Ростелеком-Терминал»', brands: ['Ростелеком', 'Wink'], series: ['RT-GM', 'RT-V', 'Sercomm', 'Роутер'], code: 'dashed' },
  { name: 'ООО «Предприятие «Элтекс»', brands: ['Элтекс', 'ELTEX'], series: ['NTU-RG', 'WEP', 'MES', 'ТВ-приставка'], code: 'dashed' },
  { name: 'АО «Микрон»', brands: ['Микрон'], series: ['MIK32', 'Метка', 'Модуль'], code: 'alnum' },
  { name: 'ООО «Иртея»', brands: ['Иртея'], series: ['Маршрутизатор', 'Терминал', 'IRT'], code: 'dashed' },
  { name: 'ООО «Бастион»', brands: ['SKAT', 'Бастион'], series: ['SKAT-VN', 'Терминал', 'Блок'], code: 'dashed' },
  { name: 'شرکت صنایع مخابراتی ایران', brands: ['ایرانتل', 'ITMC'], series: ['مودم', 'روتر', 'IT'], code: 'dashed' },
  { name: 'شرکت مهندسی ارتباطات فراگستر', brands: ['فراگستر', 'Faragostar'], series: ['FG-R', 'مودم', 'FG-ONT'], code: 'dashed' },
  { name: 'شرکت هوشمندسازان پارس', brands: ['پارس', 'Pars'], series: ['تبلت', 'PS', 'گوشی'], code: 'number' },
  { name: 'شرکت دانش‌بنیان آسیاتک', brands: ['آسیاتک', 'Asiatech'], series: ['AT-LTE', 'مودم', 'AT-5G'], code: 'dashed' },
  { name: 'شرکت جی‌ال‌ایکس ایرانیان', brands: ['GLX', 'جی‌ال‌ایکس'], series: ['Aria', 'Shahin', 'Tab'], code: 'number' },
];

const hsCodes = ['8517.13.00', '8517.14.00', '8517.62.00', '8517.62.10', '8517.69.00', '8525.89.00', '8526.91.00', '8471.30.00'];
const standards = [['IRRU-UE', '1.0.0'], ['IRRU-UE', '1.1.0'], ['IRRU-WLAN', '1.0.0'], ['IRRU-IPCAM', '1.0.0'], ['IRRU-ONT', '1.0.0'], ['IRRU-IOTM', '1.0.0'], ['IRRU-ETHSW', '1.0.0'], ['IRRU-SATUT', '1.0.0'], ['IRRU-EPS', '1.0.0']] as const;
const suffixes = ['', '', '', ' Pro', ' Max', ' Lite', ' Plus', ' Ultra', ' 5G', ' LTE', 'e', 's'];
const colours = ['Black', 'Midnight', 'Silver', 'Ocean Blue', 'Чёрный', 'Серебристый', 'مشکی', 'نقره‌ای'];
const letters = 'ABCDEFGHJKLMNPRSTUVWXZ';

/** Maker i holds a share proportional to 1/(i+1) (Zipf): cumulative weights for picking one. */
const cumulative = (() => {
  const weights = makers.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((weight) => (sum += weight / total));
})();

export function pickMaker(random: () => number): Maker {
  const r = random();
  return makers[cumulative.findIndex((edge) => r <= edge)] ?? makers.at(-1)!;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function modelOf(random: () => number, maker: Maker): string {
  const series = pick(random, maker.series);
  const n = 1 + Math.floor(random() * 99);
  if (maker.code === 'alnum') return `${series}${n}${pick(random, letters.split(''))}${pick(random, suffixes)}`;
  if (maker.code === 'dashed') return `${series}-${n}${pick(random, letters.split(''))}${Math.floor(random() * 10)}`;
  return `${series} ${n}${pick(random, suffixes)}`;
}

/** The certificate number of a register position (unique per position). */
export function numberOf(position: number, jurisdiction: 'IR' | 'RU', year: number): string {
  return `IRRU-${jurisdiction}-${year}-${String(position).padStart(6, '0')}-${position % 10}`;
}

/**
 * The register row at `position` (1…count): issued in position order over the five years before `now`, each valid
 * three years (so about 40% are expired), with 4% suspended and 3% revoked (reason and date given).
 */
export function registerRowOf(random: () => number, position: number, count: number, now: number): RegisterRecord & { position: number } {
  const maker = pickMaker(random);
  const model = modelOf(random, maker);
  const issued = new Date(now - 5 * 365 * 86_400_000 + Math.floor((position / count) * 5 * 365 * 86_400_000));
  const jurisdiction = random() < 0.5 ? 'IR' : 'RU';
  const roll = random();
  const status = roll < 0.03 ? 'revoked' : roll < 0.07 ? 'suspended' : 'valid';
  const changed = status === 'valid' ? null : new Date(issued.getTime() + 30 * 86_400_000).toISOString();
  const variants = Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.5 ? `${model} ${pick(random, [64, 128, 256, 512])}GB` : `${model} ${pick(random, colours)}`));
  const hsCode = pick(random, hsCodes);
  const [standardCode, standardVersion] = pick(random, standards);
  const manufacturer = maker.name;
  return {
    position, number: numberOf(position, jurisdiction, issued.getUTCFullYear()), jurisdiction, status,
    statusReason: status === 'revoked' ? 'Радиомодуль заменён без уведомления органа' : status === 'suspended' ? 'Test report under review / گزارش آزمون در دست بررسی' : null,
    statusAt: changed, manufacturer, brand: pick(random, maker.brands), model, variants, hsCode, standardCode, standardVersion,
    issuedAt: issued.toISOString(), validUntil: new Date(issued.getTime() + 3 * 365 * 86_400_000).toISOString(),
    manufacturerKey: registerKey(manufacturer), modelKey: registerKey(model), hsDigits: hsDigitsOf(hsCode),
  };
}
