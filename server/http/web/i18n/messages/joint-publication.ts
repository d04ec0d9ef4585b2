import type { MessageCatalog } from './catalog-type.ts';

/** Joint publication of a standard shared between Iran and Russia: approvals on the standard's pages. */
export const messages = {
  'joint.heading': { en: 'Joint publication by Iran and Russia', ru: 'Совместная публикация Ираном и Россией', fa: 'انتشار مشترک ایران و روسیه' },
  'joint.explain': {
    en: 'This standard is shared between Iran and Russia. A version is published only when an authority of each country has approved its exact content hash; until then either may withdraw its approval.',
    ru: 'Этот стандарт общий для Ирана и России. Версия публикуется, только когда орган каждой страны одобрил именно её хеш содержимого; до этого любой из них может отозвать своё одобрение.',
    fa: 'این استاندارد میان ایران و روسیه مشترک است. هر نسخه تنها زمانی منتشر می‌شود که نهادی از هر دو کشور دقیقاً چکیده محتوای آن را تأیید کرده باشد؛ تا آن زمان هر یک می‌تواند تأیید خود را پس بگیرد.',
  },
  'joint.missing': { en: 'Still waiting for the approval of:', ru: 'Ещё ожидается одобрение:', fa: 'هنوز در انتظار تأیید:' },
  'joint.publishedWith': { en: 'Published with the approvals below.', ru: 'Опубликован на основании приведённых ниже одобрений.', fa: 'با تأییدهای زیر منتشر شده است.' },
  'joint.none': { en: 'No authority has approved this version yet.', ru: 'Ни один орган ещё не одобрил эту версию.', fa: 'هنوز هیچ نهادی این نسخه را تأیید نکرده است.' },
  'joint.approvals': { en: 'Approvals', ru: 'Одобрения', fa: 'تأییدها' },
  'joint.jurisdiction': { en: 'Country', ru: 'Страна', fa: 'کشور' },
  'joint.authority': { en: 'Authority', ru: 'Орган', fa: 'نهاد' },
  'joint.contentHash': { en: 'Content hash approved', ru: 'Одобренный хеш содержимого', fa: 'چکیده محتوای تأییدشده' },
  'joint.approvedAt': { en: 'Approved', ru: 'Одобрено', fa: 'زمان تأیید' },
  'joint.state': { en: 'Counts?', ru: 'Учитывается?', fa: 'معتبر است؟' },
  'joint.state.standing': { en: 'yes', ru: 'да', fa: 'بله' },
  'joint.state.withdrawn': { en: 'no: withdrawn on {date}', ru: 'нет: отозвано {date}', fa: 'خیر: در {date} پس گرفته شد' },
  'joint.state.replaced': { en: 'no: the draft was replaced on {date}', ru: 'нет: проект заменён {date}', fa: 'خیر: پیش‌نویس در {date} جایگزین شد' },
  'joint.signature': { en: 'Signed approval (JWS)', ru: 'Подписанное одобрение (JWS)', fa: 'تأیید امضاشده (JWS)' },
  'joint.approveHeading': { en: 'Approve this version', ru: 'Одобрить эту версию', fa: 'تأیید این نسخه' },
  'joint.approveExplain': {
    en: 'You approve, on behalf of your authority and for {jurisdiction}, exactly the content this page shows (content hash {hash}). The approval is signed with your authority\'s key.',
    ru: 'Вы одобряете от имени своего органа (юрисдикция: {jurisdiction}) именно то содержимое, которое показано на этой странице (хеш содержимого {hash}). Одобрение подписывается ключом вашего органа.',
    fa: 'شما از سوی نهاد خود و برای {jurisdiction} دقیقاً همین محتوای نمایش‌داده‌شده در این صفحه را تأیید می‌کنید (چکیده محتوا {hash}). این تأیید با کلید نهاد شما امضا می‌شود.',
  },
  'joint.approveConfirm': { en: 'I have read this version and approve its content', ru: 'Я ознакомился с этой версией и одобряю её содержимое', fa: 'این نسخه را خوانده‌ام و محتوای آن را تأیید می‌کنم' },
  'joint.approveConfirmMissing': { en: 'Tick the box to confirm the approval.', ru: 'Отметьте поле, чтобы подтвердить одобрение.', fa: 'برای تأیید، این گزینه را علامت بزنید.' },
  'joint.approve': { en: 'Approve version {version}', ru: 'Одобрить версию {version}', fa: 'تأیید نسخه {version}' },
  'joint.stale': {
    en: 'This draft was replaced after you opened the page, so the content you read is no longer the current one. Read the version again, then approve.',
    ru: 'Проект был заменён после того, как вы открыли страницу, и прочитанное вами содержимое больше не актуально. Ознакомьтесь с версией заново и затем одобрите её.',
    fa: 'این پیش‌نویس پس از باز کردن صفحه جایگزین شده است و محتوایی که خواندید دیگر محتوای کنونی نیست. نسخه را دوباره بخوانید و سپس تأیید کنید.',
  },
  'joint.badHash': {
    en: 'The form did not carry a valid content hash. Reload the page and approve again.',
    ru: 'Форма не содержит корректного хеша содержимого. Обновите страницу и одобрите снова.',
    fa: 'فرم چکیده محتوای معتبری نداشت. صفحه را دوباره بارگذاری کنید و دوباره تأیید کنید.',
  },
  'joint.withdrawHeading': { en: 'Withdraw your authority\'s approval', ru: 'Отозвать одобрение вашего органа', fa: 'پس گرفتن تأیید نهاد شما' },
  'joint.withdrawExplain': {
    en: 'Until the version is published, your authority may withdraw its approval; the version then waits for a new one.',
    ru: 'Пока версия не опубликована, ваш орган может отозвать своё одобрение; тогда версия будет ждать нового.',
    fa: 'تا زمانی که نسخه منتشر نشده است، نهاد شما می‌تواند تأیید خود را پس بگیرد؛ در این صورت نسخه منتظر تأیید تازه می‌ماند.',
  },
  'joint.withdraw': { en: 'Withdraw the approval', ru: 'Отозвать одобрение', fa: 'پس گرفتن تأیید' },
  'joint.given': { en: 'Your authority\'s approval of {code} {version} is recorded.', ru: 'Одобрение {code} {version} вашим органом записано.', fa: 'تأیید {code} {version} از سوی نهاد شما ثبت شد.' },
  'joint.withdrawn': { en: 'Your authority\'s approval of {code} {version} is withdrawn.', ru: 'Одобрение {code} {version} вашим органом отозвано.', fa: 'تأیید {code} {version} از سوی نهاد شما پس گرفته شد.' },
  'joint.publishedNow': {
    en: 'Both countries have approved: {code} {version} is published.',
    ru: 'Обе страны одобрили: {code} {version} опубликован.',
    fa: 'هر دو کشور تأیید کردند: {code} {version} منتشر شد.',
  },
} satisfies MessageCatalog;
