import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_RECIPIENT_PARTITIONS,
  cursorSortKeyPatterns,
  EXTERNAL_ID_DIRECTORY_SHARDS,
  keys,
  MAX_PARTITION_KEY_BYTES,
  PLATFORM_KEY_PREFIX,
  platformKeys,
  sortKeyPrefixes,
  TENANT_KEY_PREFIX,
  tenantDirectory,
  tenantKeyPrefix,
  tenantOfKey,
} from './keys.js';

const at = '2026-01-02T03:04:05.000Z';

/** Every tenant key and partition value the catalog builds for one tenant, from one id. */
function tenantKeyStrings(tenantId: string, id: string): string[] {
  return [
    keys.tenant(tenantId).pk,
    keys.user(tenantId, id).pk,
    keys.usersIndex(tenantId, `${id}@x`).gsi1pk,
    keys.usersPartition(tenantId),
    keys.userEmail(tenantId, `${id}@x`).pk,
    keys.session(tenantId, id).pk,
    keys.apiKey(tenantId, id).pk,
    keys.apiKeysIndex(tenantId, id).gsi1pk,
    keys.apiKeysPartition(tenantId),
    keys.mail(tenantId, id).pk,
    keys.outboxPartition(tenantId),
    keys.customer(tenantId, id).pk,
    keys.customerPartition(tenantId, id),
    keys.contact(tenantId, id, id).pk,
    keys.interaction(tenantId, id, at, id).pk,
    keys.history(tenantId, id, at, id).pk,
    keys.externalCustomer(tenantId, id).pk,
    keys.share(tenantId, id, id).pk,
    keys.sharesOfPartner(tenantId, id),
    keys.sharesOfCustomerIndex(tenantId, id, id).gsi1pk,
    keys.sharesOfCustomer(tenantId, id),
    keys.customField(tenantId, id).pk,
    keys.customFieldsPartition(tenantId),
    keys.customFieldValue(tenantId, id, id).pk,
    keys.importJob(tenantId, id).pk,
    keys.importRejects(tenantId, id, 0).pk,
    keys.importPartition(tenantId, id),
    keys.importsIndex(tenantId, id).gsi1pk,
    keys.importsPartition(tenantId),
    keys.importLock(tenantId).pk,
    keys.tenantBucket(tenantId).pk,
    keys.apiKeyBucket(tenantId, id).pk,
    keys.modelLatest(tenantId).pk,
    keys.modelFit(tenantId, at, id).pk,
    keys.modelPartition(tenantId),
    keys.refitLock(tenantId).pk,
    keys.complaint(tenantId, id).pk,
    keys.creditFilesIndex(tenantId, id).gsi2pk,
    keys.creditFilesPartition(tenantId),
    keys.complaintsIndex(tenantId, at, id).gsi1pk,
    keys.openComplaintsIndex(tenantId, at, id).gsi2pk,
    keys.customerComplaintsIndex(tenantId, id, at, id).gsi3pk,
    keys.department(tenantId, id).pk,
    keys.complaintPolicy(tenantId).pk,
    keys.customerSatisfaction(tenantId, id).pk,
    keys.salesSetup(tenantId).pk,
    keys.lead(tenantId, id).pk,
    keys.leadsIndex(tenantId, at, id).gsi1pk,
    keys.leadsByStatusIndex(tenantId, 'open', at, id).gsi2pk,
    keys.opportunity(tenantId, id).pk,
    keys.opportunitiesIndex(tenantId, at, id).gsi1pk,
    keys.opportunitiesByStatusIndex(tenantId, 'open', at, id).gsi2pk,
    keys.customerOpportunitiesIndex(tenantId, id, at, id).gsi3pk,
    keys.ownerOpportunitiesIndex(tenantId, null, at, id).gsi4pk,
    keys.quote(tenantId, id).pk,
    keys.memberTierPolicy(tenantId).pk,
    keys.memberTierChange(tenantId, id, at, 'member').pk,
    keys.quotesIndex(tenantId, at, id).gsi1pk,
    keys.opportunityQuotesIndex(tenantId, id, at, id).gsi2pk,
    keys.serviceRequest(tenantId, id).pk,
    keys.serviceRequestsIndex(tenantId, at, id).gsi1pk,
    keys.customerServiceRequestsIndex(tenantId, id, at, id).gsi3pk,
    keys.servicePlan(tenantId, id).pk,
    keys.servicePlansIndex(tenantId, at, id).gsi1pk,
    keys.dueServicePlansIndex(tenantId, at, id).gsi2pk,
    keys.customerServicePlansIndex(tenantId, id, at, id).gsi3pk,
    keys.survey(tenantId, id).pk,
    keys.surveysIndex(tenantId, at, id).gsi1pk,
    keys.surveyInvitation(tenantId, id, at, id).pk,
    keys.surveyAnswersIndex(tenantId, id, at, id).gsi2pk,
    keys.customerSurveysIndex(tenantId, id, at, id).gsi3pk,
    keys.surveySendRun(tenantId, id, id).pk,
    keys.surveyClaim(tenantId, id, id).pk,
  ];
}

/** Every platform key the catalog builds, from one e-mail or id. */
function platformKeyStrings(value: string): string[] {
  return [
    platformKeys.identity(value).pk,
    platformKeys.membership(value, value).pk,
    platformKeys.identityPartition(value),
    platformKeys.invitation(value).pk,
    platformKeys.tenantRegistration(value).pk,
    platformKeys.tenantRegistry,
    platformKeys.loginThrottle(value).pk,
    platformKeys.addressThrottle(value).pk,
    platformKeys.mailThrottle(value).pk,
    platformKeys.invitationThrottle(value).pk,
    platformKeys.emailToken(value).pk,
    platformKeys.surveyToken(value).pk,
    platformKeys.surveyThrottle(value).pk,
    platformKeys.unsubscribeToken(value).pk,
    platformKeys.unsubscribeThrottle(value).pk,
    platformKeys.platformOutbox,
    platformKeys.platformMail(value).pk,
    platformKeys.mailSuppression(value).pk,
    platformKeys.smsSuppression(value).pk,
    platformKeys.smsMessage(value).pk,
  ];
}

const tenantIds = fc.stringMatching(/^[0-9A-Z]{1,26}$/);
const ids = fc.stringMatching(/^[0-9A-Z]{1,26}$/);

describe('the key catalog', () => {
  it('builds the exact tenant, user, session and API key strings', () => {
    expect(keys.tenant('01T')).toEqual({ pk: 'T#01T#TENANT', sk: 'TENANT' });
    expect(keys.user('01T', '01U')).toEqual({ pk: 'T#01T#USER#01U', sk: 'USER' });
    expect(keys.usersIndex('01T', 'a@b.c')).toEqual({ gsi1pk: 'T#01T#USERS', gsi1sk: 'a@b.c' });
    expect(keys.usersPartition('01T')).toBe('T#01T#USERS');
    expect(keys.userEmail('01T', 'a@b.c')).toEqual({ pk: 'T#01T#USEREMAIL#a@b.c', sk: 'USEREMAIL' });
    expect(keys.session('01T', 'F1')).toEqual({ pk: 'T#01T#SESSION#F1', sk: 'SESSION' });
    expect(keys.apiKey('01T', 'K1')).toEqual({ pk: 'T#01T#APIKEY#K1', sk: 'APIKEY' });
    expect(keys.apiKeysIndex('01T', 'K1')).toEqual({ gsi1pk: 'T#01T#APIKEYS', gsi1sk: 'K1' });
    expect(keys.apiKeysPartition('01T')).toBe('T#01T#APIKEYS');
    expect(keys.mail('01T', 'M1')).toEqual({ pk: 'T#01T#OUTBOX', sk: 'MAIL#M1' });
    expect(keys.outboxPartition('01T')).toBe('T#01T#OUTBOX');
  });

  it("builds the exact strings of the customer's item collection", () => {
    expect(keys.customer('01T', '01C')).toEqual({ pk: 'T#01T#C#01C', sk: 'PROFILE' });
    expect(keys.customerPartition('01T', '01C')).toBe('T#01T#C#01C');
    expect(keys.contact('01T', '01C', '01K')).toEqual({ pk: 'T#01T#C#01C', sk: 'CONTACT#01K' });
    expect(keys.interaction('01T', '01C', at, '01I')).toEqual({
      pk: 'T#01T#C#01C',
      sk: 'I#2026-01-02T03:04:05.000Z#01I',
    });
    expect(keys.history('01T', '01C', at, '01H')).toEqual({
      pk: 'T#01T#C#01C',
      sk: 'H#2026-01-02T03:04:05.000Z#01H',
    });
  });

  it('builds the exact credit file index strings', () => {
    expect(keys.creditFile('01T', '01C')).toEqual({ pk: 'T#01T#C#01C', sk: 'CREDIT' });
    expect(keys.creditFilesIndex('01T', '01C')).toEqual({ gsi2pk: 'T#01T#CREDITFILES', gsi2sk: '01C' });
    expect(keys.creditFilesPartition('01T')).toBe('T#01T#CREDITFILES');
    expect(keys.creditFilesIndexCatchUp('01T')).toEqual({ pk: 'T#01T#CREDITPOLICY', sk: 'FILESINDEX' });
  });

  it('spreads the external-id directory over 16 shards by the FNV-1a of the external id', () => {
    // fnv1a('a') = 0xe40c292c, fnv1a('foobar') = 0xbf9cf968 (the published vectors): shards 12 and 8.
    expect(tenantDirectory.externalIdIndex('01T', 'a')).toEqual({
      gsi1pk: 'T#01T#DIR#EXTS#12',
      gsi1sk: 'T#01T#EXT#a',
    });
    expect(tenantDirectory.externalIdIndex('01T', 'foobar')).toEqual({
      gsi1pk: 'T#01T#DIR#EXTS#8',
      gsi1sk: 'T#01T#EXT#foobar',
    });
    const partitions = tenantDirectory.externalIdPartitions('01T');
    expect(partitions).toHaveLength(1 + EXTERNAL_ID_DIRECTORY_SHARDS);
    // The partition mappings written before the shards still sit in is read first.
    expect(partitions[0]).toBe('T#01T#DIR#EXTS');
    expect(partitions.at(-1)).toBe('T#01T#DIR#EXTS#15');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (externalId) => {
        expect(partitions).toContain(tenantDirectory.externalIdIndex('01T', externalId).gsi1pk);
      }),
    );
  });

  it('builds the exact share, custom-field and external-id strings', () => {
    expect(keys.externalCustomer('01T', 'ERP-7')).toEqual({ pk: 'T#01T#EXT#ERP-7', sk: 'EXT' });
    expect(keys.share('01T', '01P', '01C')).toEqual({ pk: 'T#01T#SHARE#01P', sk: 'C#01C' });
    expect(keys.sharesOfPartner('01T', '01P')).toBe('T#01T#SHARE#01P');
    expect(keys.partnerOrganisation('01T', '01O')).toEqual({ pk: 'T#01T#PARTNERORGS', sk: 'ORG#01O' });
    expect(keys.sharesOfCustomerIndex('01T', '01C', '01P')).toEqual({
      gsi1pk: 'T#01T#SHARED#01C',
      gsi1sk: '01P',
    });
    expect(keys.sharesOfCustomer('01T', '01C')).toBe('T#01T#SHARED#01C');
    expect(keys.customField('01T', 'tier')).toEqual({ pk: 'T#01T#FIELDS', sk: 'FIELD#tier' });
    expect(keys.customFieldsPartition('01T')).toBe('T#01T#FIELDS');
    expect(keys.customFieldValue('01T', 'vat', 'cn-1')).toEqual({
      pk: 'T#01T#FIELDVALUE#vat#cn-1',
      sk: 'FIELDVALUE',
    });
    // 800 × 3 UTF-8 bytes is over DynamoDB's 2,048-byte key limit: the value's SHA-256 stands in.
    const long = '中'.repeat(800);
    expect(keys.customFieldValue('01T', 'vat', long)).toEqual({
      pk: `T#01T#FIELDVALUEHASH#vat#${createHash('sha256').update(long).digest('hex')}`,
      sk: 'FIELDVALUE',
    });
    const justFits = 'a'.repeat(MAX_PARTITION_KEY_BYTES - 'T#01T#FIELDVALUE#vat#'.length);
    expect(keys.customFieldValue('01T', 'vat', justFits).pk).toBe(`T#01T#FIELDVALUE#vat#${justFits}`);
  });

  it('builds the exact import strings, the lock included', () => {
    expect(keys.importJob('01T', '01M')).toEqual({ pk: 'T#01T#IMPORT#01M', sk: 'IMPORT' });
    expect(keys.importRejects('01T', '01M', 12)).toEqual({ pk: 'T#01T#IMPORT#01M', sk: 'REJECTS#000012' });
    expect(keys.importPartition('01T', '01M')).toBe('T#01T#IMPORT#01M');
    expect(keys.importsIndex('01T', '01M')).toEqual({ gsi1pk: 'T#01T#IMPORTS', gsi1sk: '01M' });
    expect(keys.importsPartition('01T')).toBe('T#01T#IMPORTS');
    expect(keys.importLock('01T')).toEqual({ pk: 'T#01T#IMPORTLOCK', sk: 'LOCK' });
    expect(platformKeys.streamRecordFailures('e1')).toEqual({ pk: 'P#STREAMFAIL#e1', sk: 'ATTEMPTS' });
    expect(platformKeys.keptStreamRecord(at, 'e1')).toEqual({
      pk: 'P#KEPTRECORDS',
      sk: `REC#${at}#e1`,
    });
    expect(keys.tenantBucket('01T')).toEqual({ pk: 'T#01T#BUCKET', sk: 'TENANT' });
    expect(keys.apiKeyBucket('01T', '01K')).toEqual({ pk: 'T#01T#APIKEY#01K', sk: 'BUCKET' });
  });

  it('builds the exact analytics model keys', () => {
    expect(keys.modelLatest('01T')).toEqual({ pk: 'T#01T#MODEL', sk: 'LATEST' });
    expect(keys.refitLock('01T')).toEqual({ pk: 'T#01T#MODEL', sk: 'REFIT_LOCK' });
    expect(keys.refitWork('01T', '01F')).toEqual({ pk: 'T#01T#MODEL', sk: 'REFIT#01F#STATE' });
    expect(keys.refitPage('01T', '01F', 12, 3)).toEqual({
      pk: 'T#01T#MODEL',
      sk: 'REFIT#01F#PAGE#000012#003',
    });
    expect(keys.refitPagesPrefix('01F')).toBe('REFIT#01F#PAGE#');
    expect(keys.refitPagesPrefix('01F', 12)).toBe('REFIT#01F#PAGE#000012#');
    expect(keys.modelFit('01T', at, '01F')).toEqual({
      pk: 'T#01T#MODEL',
      sk: 'FIT#2026-01-02T03:04:05.000Z#01F',
    });
    expect(keys.modelPartition('01T')).toBe('T#01T#MODEL');
  });

  it('builds the exact sales setup, lead and opportunity keys', () => {
    expect(keys.salesSetup('01T')).toEqual({ pk: 'T#01T#SALESSETUP', sk: 'SETUP' });
    expect(keys.lead('01T', '01L')).toEqual({ pk: 'T#01T#LEAD#01L', sk: 'LEAD' });
    expect(keys.leadsIndex('01T', at, '01L')).toEqual({
      gsi1pk: 'T#01T#LEADS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01L',
    });
    expect(keys.leadsByStatusIndex('01T', 'open', at, '01L')).toEqual({
      gsi2pk: 'T#01T#LEADS#open',
      gsi2sk: '2026-01-02T03:04:05.000Z#01L',
    });
    expect(keys.opportunity('01T', '01O')).toEqual({ pk: 'T#01T#OPP#01O', sk: 'OPP' });
    expect(keys.opportunitiesIndex('01T', at, '01O')).toEqual({
      gsi1pk: 'T#01T#OPPS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01O',
    });
    expect(keys.opportunitiesByStatusIndex('01T', 'open', at, '01O')).toEqual({
      gsi2pk: 'T#01T#OPPS#open',
      gsi2sk: '2026-01-02T03:04:05.000Z#01O',
    });
    expect(keys.customerOpportunitiesIndex('01T', '01C', at, '01O')).toEqual({
      gsi3pk: 'T#01T#C#01C#OPPS',
      gsi3sk: '2026-01-02T03:04:05.000Z#01O',
    });
    expect(keys.ownerOpportunitiesIndex('01T', null, at, '01O')).toEqual({
      gsi4pk: 'T#01T#OPPSOF#-',
      gsi4sk: '2026-01-02T03:04:05.000Z#01O',
    });
    expect(keys.ownerOpportunitiesPartition('01T', '01U')).toBe('T#01T#OPPSOF#01U');
  });

  it('builds the exact member programme keys', () => {
    expect(keys.memberTierPolicy('01T')).toEqual({ pk: 'T#01T#MEMBERPOLICY', sk: 'POLICY' });
    expect(keys.memberTierChange('01T', '01C', at, 'member')).toEqual({
      pk: 'T#01T#C#01C',
      sk: 'TIER#2026-01-02T03:04:05.000Z#member',
    });
  });

  it('builds the exact quote keys', () => {
    expect(keys.quote('01T', '01Q')).toEqual({ pk: 'T#01T#QUOTE#01Q', sk: 'QUOTE' });
    expect(keys.quotesIndex('01T', at, '01Q')).toEqual({
      gsi1pk: 'T#01T#QUOTES',
      gsi1sk: '2026-01-02T03:04:05.000Z#01Q',
    });
    expect(keys.opportunityQuotesIndex('01T', '01O', at, '01Q')).toEqual({
      gsi2pk: 'T#01T#OPP#01O#QUOTES',
      gsi2sk: '2026-01-02T03:04:05.000Z#01Q',
    });
  });

  it('builds the exact complaint, department, SLA policy and satisfaction keys', () => {
    expect(keys.complaint('01T', '01Q')).toEqual({ pk: 'T#01T#COMPLAINT#01Q', sk: 'COMPLAINT' });
    expect(keys.complaintsIndex('01T', at, '01Q')).toEqual({
      gsi1pk: 'T#01T#COMPLAINTS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01Q',
    });
    expect(keys.complaintsPartition('01T')).toBe('T#01T#COMPLAINTS');
    expect(keys.openComplaintsIndex('01T', at, '01Q')).toEqual({
      gsi2pk: 'T#01T#COMPLAINTSOPEN',
      gsi2sk: '2026-01-02T03:04:05.000Z#01Q',
    });
    expect(keys.openComplaintsPartition('01T')).toBe('T#01T#COMPLAINTSOPEN');
    expect(keys.customerComplaintsIndex('01T', '01C', at, '01Q')).toEqual({
      gsi3pk: 'T#01T#C#01C#COMPLAINTS',
      gsi3sk: '2026-01-02T03:04:05.000Z#01Q',
    });
    expect(keys.customerComplaintsPartition('01T', '01C')).toBe('T#01T#C#01C#COMPLAINTS');
    expect(keys.department('01T', '01D')).toEqual({ pk: 'T#01T#DEPARTMENTS', sk: 'DEPT#01D' });
    expect(keys.departmentsPartition('01T')).toBe('T#01T#DEPARTMENTS');
    expect(keys.complaintPolicy('01T')).toEqual({ pk: 'T#01T#COMPLAINTPOLICY', sk: 'POLICY' });
    expect(keys.customerSatisfaction('01T', '01C')).toEqual({ pk: 'T#01T#C#01C', sk: 'SATISFACTION' });
  });

  it('builds the exact service request and service plan keys', () => {
    expect(keys.serviceRequest('01T', '01R')).toEqual({ pk: 'T#01T#SR#01R', sk: 'SR' });
    expect(keys.serviceRequestsIndex('01T', at, '01R')).toEqual({
      gsi1pk: 'T#01T#SRS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01R',
    });
    expect(keys.customerServiceRequestsIndex('01T', '01C', at, '01R')).toEqual({
      gsi3pk: 'T#01T#C#01C#SRS',
      gsi3sk: '2026-01-02T03:04:05.000Z#01R',
    });
    expect(keys.servicePlan('01T', '01P')).toEqual({ pk: 'T#01T#SPLAN#01P', sk: 'SPLAN' });
    expect(keys.servicePlansIndex('01T', at, '01P')).toEqual({
      gsi1pk: 'T#01T#SPLANS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01P',
    });
    expect(keys.dueServicePlansIndex('01T', '2026-04-01', '01P')).toEqual({
      gsi2pk: 'T#01T#SPLANSDUE',
      gsi2sk: '2026-04-01#01P',
    });
    expect(keys.customerServicePlansIndex('01T', '01C', at, '01P')).toEqual({
      gsi3pk: 'T#01T#C#01C#SPLANS',
      gsi3sk: '2026-01-02T03:04:05.000Z#01P',
    });
  });

  it('builds the exact survey keys', () => {
    expect(keys.survey('01T', '01S')).toEqual({ pk: 'T#01T#SURVEY#01S', sk: 'SURVEY' });
    expect(keys.surveysIndex('01T', at, '01S')).toEqual({
      gsi1pk: 'T#01T#SURVEYS',
      gsi1sk: '2026-01-02T03:04:05.000Z#01S',
    });
    expect(keys.surveyInvitation('01T', '01S', at, '01I')).toEqual({
      pk: 'T#01T#SURVEY#01S',
      sk: 'INV#2026-01-02T03:04:05.000Z#01I',
    });
    expect(keys.surveyAnswersIndex('01T', '01S', at, '01I')).toEqual({
      gsi2pk: 'T#01T#SURVEY#01S#ANSWERED',
      gsi2sk: '2026-01-02T03:04:05.000Z#01I',
    });
    expect(keys.customerSurveysIndex('01T', '01C', at, '01I')).toEqual({
      gsi3pk: 'T#01T#C#01C#SURVEYS',
      gsi3sk: '2026-01-02T03:04:05.000Z#01I',
    });
    expect(keys.surveySendRun('01T', '01S', '01R')).toEqual({ pk: 'T#01T#SURVEY#01S', sk: 'RUN#01R' });
    expect(keys.surveyClaim('01T', '01S', '01C')).toEqual({ pk: 'T#01T#SURVEY#01S', sk: 'CLAIM#01C' });
    expect(platformKeys.surveySend('01T', '01S', '01R')).toEqual({ pk: 'P#SURVEYSENDS', sk: '01T#01S#01R' });
    expect(platformKeys.surveySendDueIndex(at, '01T', '01S', '01R')).toEqual({
      gsi2pk: 'P#SURVEYSENDS',
      gsi2sk: '2026-01-02T03:04:05.000Z#01T#01S#01R',
    });
    expect(platformKeys.surveyToken('h')).toEqual({ pk: 'P#SURVEYTOKEN#h', sk: 'SURVEYTOKEN' });
    expect(platformKeys.surveyThrottle('::1')).toEqual({ pk: 'P#THROTTLE#SURVEY#::1', sk: 'SURVEY' });
  });

  it('pins the segment, campaign, recipient, send-window and unsubscribe keys', () => {
    const at = '2026-01-02T03:04:05.000Z';
    expect(keys.segment('01T', '01S')).toEqual({ pk: 'T#01T#SEGMENT#01S', sk: 'SEGMENT' });
    expect(keys.segmentsIndex('01T', at, '01S')).toEqual({ gsi1pk: 'T#01T#SEGMENTS', gsi1sk: `${at}#01S` });
    expect(keys.campaign('01T', '01K')).toEqual({ pk: 'T#01T#CAMPAIGN#01K', sk: 'CAMPAIGN' });
    expect(keys.campaignRecipient('01T', '01K', '01C')).toEqual({ pk: 'T#01T#CAMPAIGN#01K', sk: 'RCPT#01C' });
    // Spread: the shard is FNV-1a of the customer id mod the campaign's count (01C → 11, 01D → 10).
    expect(keys.campaignRecipient('01T', '01K', '01C', 16)).toEqual({
      pk: 'T#01T#CAMPAIGN#01K#R#11',
      sk: 'RCPT#01C',
    });
    expect(keys.campaignRecipient('01T', '01K', '01D', 16)).toEqual({
      pk: 'T#01T#CAMPAIGN#01K#R#10',
      sk: 'RCPT#01D',
    });
    expect(keys.campaignRecipient('01T', '01K', '01C', 4)).toEqual({
      pk: 'T#01T#CAMPAIGN#01K#R#3',
      sk: 'RCPT#01C',
    });
    expect(CAMPAIGN_RECIPIENT_PARTITIONS).toBe(16);
    expect(keys.campaignRecipientPartitions('01T', '01K')).toEqual(['T#01T#CAMPAIGN#01K']);
    expect(keys.campaignRecipientPartitions('01T', '01K', 3)).toEqual([
      'T#01T#CAMPAIGN#01K#R#0',
      'T#01T#CAMPAIGN#01K#R#1',
      'T#01T#CAMPAIGN#01K#R#2',
    ]);
    expect(keys.campaignsIndex('01T', at, '01K')).toEqual({ gsi1pk: 'T#01T#CAMPAIGNS', gsi1sk: `${at}#01K` });
    expect(keys.campaignSendWindow('01T')).toEqual({ pk: 'T#01T#CAMPAIGNSEND', sk: 'WINDOW' });
    expect(keys.campaignSendsCatchUp('01T')).toEqual({ pk: 'T#01T#CAMPAIGNSEND', sk: 'CATCHUP' });
    expect(platformKeys.unsubscribeToken('h')).toEqual({ pk: 'P#UNSUBTOKEN#h', sk: 'UNSUBTOKEN' });
    expect(platformKeys.unsubscribeThrottle('::1')).toEqual({ pk: 'P#THROTTLE#UNSUB#::1', sk: 'UNSUB' });
  });

  it('builds the exact platform key strings, none of which reads as a tenant key', () => {
    expect(keys.userSessionsRevoked('01T', '01U')).toEqual({
      pk: 'T#01T#USER#01U',
      sk: 'SESSIONS-REVOKED',
    });
    expect(platformKeys.identity('a@b.c')).toEqual({ pk: 'P#ID#a@b.c', sk: 'IDENTITY' });
    expect(platformKeys.healthProbe).toEqual({ pk: 'P#HEALTH', sk: 'PROBE' });
    expect(platformKeys.membership('a@b.c', '01T')).toEqual({ pk: 'P#ID#a@b.c', sk: 'M#01T' });
    expect(platformKeys.identityPartition('a@b.c')).toBe('P#ID#a@b.c');
    expect(platformKeys.invitation('h')).toEqual({ pk: 'P#INVITE#h', sk: 'INVITE' });
    expect(platformKeys.tenantRegistration('01T')).toEqual({ pk: 'P#TENANTS', sk: 'TENANT#01T' });
    expect(platformKeys.tenantRegistry).toBe('P#TENANTS');
    expect(platformKeys.loginThrottle('a@b.c')).toEqual({ pk: 'P#THROTTLE#a@b.c', sk: 'LOGIN' });
    expect(platformKeys.addressThrottle('::1')).toEqual({ pk: 'P#THROTTLE#ADDR#::1', sk: 'AUTH' });
    expect(platformKeys.mailThrottle('a@b.c')).toEqual({ pk: 'P#THROTTLE#a@b.c', sk: 'MAIL' });
    expect(platformKeys.invitationThrottle('h')).toEqual({ pk: 'P#THROTTLE#INVITE#h', sk: 'ACCEPT' });
    expect(platformKeys.emailToken('h')).toEqual({ pk: 'P#EMAILTOKEN#h', sk: 'EMAILTOKEN' });
    expect(platformKeys.platformMail('01M')).toEqual({ pk: 'P#OUTBOX', sk: 'MAIL#01M' });
    expect(platformKeys.mailSuppression('a@b.c')).toEqual({ pk: 'P#SUPPRESS#a@b.c', sk: 'SUPPRESS' });
    expect(tenantOfKey(platformKeys.identity('T#x#@b.c').pk)).toBeUndefined();
  });

  it('pins the prefixes, and every sort-key prefix is the one its builder writes', () => {
    expect(TENANT_KEY_PREFIX).toBe('T#');
    expect(PLATFORM_KEY_PREFIX).toBe('P#');
    expect(tenantKeyPrefix('01T')).toBe('T#01T#');
    expect(sortKeyPrefixes).toEqual({
      mail: 'MAIL#',
      contact: 'CONTACT#',
      interaction: 'I#',
      history: 'H#',
      sharedCustomer: 'C#',
      customField: 'FIELD#',
      importRejects: 'REJECTS#',
      modelFit: 'FIT#',
      membership: 'M#',
      tenantRegistration: 'TENANT#',
      receivable: 'AR#',
      creditApplied: 'APPLIED#',
      creditDecision: 'CD#',
      department: 'DEPT#',
      webhookDelivery: 'DLV#',
      surveyInvitation: 'INV#',
      surveySendRun: 'RUN#',
      surveyClaim: 'CLAIM#',
      campaignRecipient: 'RCPT#',
      partnerOrganisation: 'ORG#',
      memberTierChange: 'TIER#',
    });
    const written = {
      mail: keys.mail('t', 'x').sk,
      contact: keys.contact('t', 'c', 'x').sk,
      interaction: keys.interaction('t', 'c', at, 'x').sk,
      history: keys.history('t', 'c', at, 'x').sk,
      sharedCustomer: keys.share('t', 'p', 'x').sk,
      customField: keys.customField('t', 'x').sk,
      importRejects: keys.importRejects('t', 'i', 0).sk,
      modelFit: keys.modelFit('t', at, 'x').sk,
      membership: platformKeys.membership('e', 'x').sk,
      tenantRegistration: platformKeys.tenantRegistration('x').sk,
      receivable: keys.receivable('t', 'c', 'x').sk,
      creditApplied: keys.creditApplied('t', 'c', 'x').sk,
      creditDecision: keys.creditDecision('t', 'c', at, 'x').sk,
      department: keys.department('t', 'x').sk,
      webhookDelivery: keys.webhookDelivery('t', 'w', 'x').sk,
      campaignRecipient: keys.campaignRecipient('t', 'k', 'x').sk,
      surveyInvitation: keys.surveyInvitation('t', 's', at, 'x').sk,
      surveySendRun: keys.surveySendRun('t', 's', 'x').sk,
      surveyClaim: keys.surveyClaim('t', 's', 'x').sk,
      partnerOrganisation: keys.partnerOrganisation('t', 'x').sk,
      memberTierChange: keys.memberTierChange('t', 'c', at, 'member').sk,
    };
    for (const [kind, prefix] of Object.entries(sortKeyPrefixes)) {
      expect(written[kind as keyof typeof written].startsWith(prefix), kind).toBe(true);
    }
  });

  it('pins the alert and churn keys', () => {
    expect(keys.alert('01T', '01A')).toEqual({ pk: 'T#01T#ALERT#01A', sk: 'ALERT' });
    expect(keys.alertsIndex('01T', at, '01A')).toEqual({ gsi1pk: 'T#01T#ALERTS', gsi1sk: `${at}#01A` });
    expect(keys.alertsByStatusIndex('01T', 'open', at, '01A')).toEqual({
      gsi2pk: 'T#01T#ALERTS#open',
      gsi2sk: `${at}#01A`,
    });
    expect(keys.customerAlertsIndex('01T', '01C', 'churn', at, '01A')).toEqual({
      gsi3pk: 'T#01T#ALERTSOF#01C#churn',
      gsi3sk: `${at}#01A`,
    });
    expect(keys.churnPolicy('01T')).toEqual({ pk: 'T#01T#CHURNPOLICY', sk: 'POLICY' });
    expect(keys.churnFile('01T', '01C')).toEqual({ pk: 'T#01T#C#01C', sk: 'CHURN' });
    const place = keys.alertsIndex('01T', at, '01ARZ3NDEKTSV4RRFFQ69G5FAV').gsi1sk;
    expect(cursorSortKeyPatterns.alert.test(place)).toBe(true);
    expect(cursorSortKeyPatterns.alert.test(`T#other#${place}`)).toBe(false);
  });

  it('pins the task keys', () => {
    expect(keys.task('01T', '01K')).toEqual({ pk: 'T#01T#TASK#01K', sk: 'TASK' });
    expect(keys.tasksIndex('01T', '2026-02-08', '01K')).toEqual({
      gsi1pk: 'T#01T#TASKS',
      gsi1sk: '2026-02-08#01K',
    });
    expect(keys.tasksByStatusIndex('01T', 'open', '2026-02-08', '01K')).toEqual({
      gsi2pk: 'T#01T#TASKS#open',
      gsi2sk: '2026-02-08#01K',
    });
    expect(keys.customerTasksIndex('01T', '01C', '2026-02-08', '01K')).toEqual({
      gsi3pk: 'T#01T#C#01C#TASKS',
      gsi3sk: '2026-02-08#01K',
    });
    expect(keys.assigneeTasksIndex('01T', '01U', '2026-02-08', '01K')).toEqual({
      gsi4pk: 'T#01T#TASKSOF#01U',
      gsi4sk: '2026-02-08#01K',
    });
    expect(keys.assigneeTasksIndex('01T', null, '2026-02-08', '01K').gsi4pk).toBe('T#01T#TASKSOF#-');
    expect(keys.taskPolicy('01T')).toEqual({ pk: 'T#01T#TASKPOLICY', sk: 'POLICY' });
    const place = keys.tasksIndex('01T', '2026-02-08', '01ARZ3NDEKTSV4RRFFQ69G5FAV').gsi1sk;
    expect(cursorSortKeyPatterns.task.test(place)).toBe(true);
    expect(cursorSortKeyPatterns.task.test(`T#other#${place}`)).toBe(false);
  });

  it('pins the webhook keys: endpoint, secrets and deliveries in one partition, log and due indexes', () => {
    expect(keys.webhookEndpoint('01T', '01W')).toEqual({ pk: 'T#01T#WEBHOOK#01W', sk: 'ENDPOINT' });
    expect(keys.webhookSecrets('01T', '01W')).toEqual({ pk: 'T#01T#WEBHOOK#01W', sk: 'SECRETS' });
    expect(keys.webhookDelivery('01T', '01W', 'evt')).toEqual({ pk: 'T#01T#WEBHOOK#01W', sk: 'DLV#evt' });
    expect(keys.webhookEndpointsIndex('01T', '01W')).toEqual({ gsi1pk: 'T#01T#WEBHOOKS', gsi1sk: '01W' });
    expect(keys.webhookLogIndex('01T', '01W', at, 'evt')).toEqual({
      gsi1pk: 'T#01T#WHLOG#01W',
      gsi1sk: `${at}#evt`,
    });
    expect(keys.webhookDueIndex('01T', at, '01W', 'evt')).toEqual({
      gsi2pk: 'T#01T#WHDUE',
      gsi2sk: `${at}#01W#evt`,
    });
    expect(platformKeys.webhookDueTenant('01T')).toEqual({ pk: 'P#WEBHOOKDUE', sk: '01T' });
  });

  it('builds the workflow keys', () => {
    expect(keys.workflow('01T', '01W')).toEqual({ pk: 'T#01T#WORKFLOW#01W', sk: 'WORKFLOW' });
    expect(keys.workflowsIndex('01T', '01W')).toEqual({ gsi1pk: 'T#01T#WORKFLOWS', gsi1sk: '01W' });
    expect(keys.workflowRun('01T', '01R')).toEqual({ pk: 'T#01T#WFRUN#01R', sk: 'RUN' });
    expect(keys.workflowRunsIndex('01T', '01W', at, '01R')).toEqual({
      gsi1pk: 'T#01T#WFRUNS#01W',
      gsi1sk: `${at}#01R`,
    });
    expect(keys.workflowEventRunsIndex('01T', 'evt', '01R')).toEqual({
      gsi3pk: 'T#01T#WFEVENT#evt',
      gsi3sk: '01R',
    });
    expect(platformKeys.workflowWait(at, '01T', '01R')).toEqual({
      pk: 'P#WORKFLOWWAITS',
      sk: `${at}#01T#01R`,
    });
  });

  it('keys an unfinished campaign send once per campaign and indexes it by when it is due', () => {
    expect(platformKeys.campaignSend('01T', '01K')).toEqual({ pk: 'P#CAMPAIGNSENDS', sk: '01T#01K' });
    expect(platformKeys.campaignSendDueIndex(at, '01T', '01K')).toEqual({
      gsi2pk: 'P#CAMPAIGNSENDS',
      gsi2sk: `${at}#01T#01K`,
    });
    expect(tenantDirectory.index('01T', 'CAMPAIGNSENDS', 'P#CAMPAIGNSENDS')).toEqual({
      gsi1pk: 'T#01T#DIR#CAMPAIGNSENDS',
      gsi1sk: 'P#CAMPAIGNSENDS',
    });
  });

  it('keys a campaign SMS by its provider message id, listed in its tenant’s directory, and suppresses numbers apart from addresses', () => {
    expect(platformKeys.smsMessage('34d9b400-c6dd')).toEqual({ pk: 'P#SMSMSG#34d9b400-c6dd', sk: 'SMSMSG' });
    expect(tenantDirectory.index('01T', 'SMSMESSAGES', 'P#SMSMSG#34d9b400-c6dd')).toEqual({
      gsi1pk: 'T#01T#DIR#SMSMESSAGES',
      gsi1sk: 'P#SMSMSG#34d9b400-c6dd',
    });
    expect(platformKeys.smsSuppression('+8613800000000')).toEqual({
      pk: 'P#SUPPRESS#SMS#+8613800000000',
      sk: 'SUPPRESS',
    });
  });

  it('accepts back in a cursor only the sort keys it issued', () => {
    const interaction = keys.interaction('01T', '01C', at, '01ARZ3NDEKTSV4RRFFQ69G5FAV').sk;
    const share = keys.share('01T', '01P', '01ARZ3NDEKTSV4RRFFQ69G5FAV').sk;

    expect(cursorSortKeyPatterns.interaction.test(interaction)).toBe(true);
    expect(cursorSortKeyPatterns.sharedCustomer.test(share)).toBe(true);
    expect(cursorSortKeyPatterns.interaction.test(share)).toBe(false);
    expect(cursorSortKeyPatterns.sharedCustomer.test(interaction)).toBe(false);
    expect(cursorSortKeyPatterns.interaction.test(`${interaction}#`)).toBe(false);
    expect(cursorSortKeyPatterns.sharedCustomer.test('C#01ARZ3NDEKTSV4RRFFQ69G5FAU')).toBe(false);
    expect(cursorSortKeyPatterns.interaction.test('I#<script>#01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(false);
  });

  it('refuses a tenant id that could escape its prefix', () => {
    expect(() => tenantKeyPrefix('a#b')).toThrow(/invalid tenant id/);
    expect(() => tenantKeyPrefix('')).toThrow(/invalid tenant id/);
    expect(() => keys.customer('a#b', '01C')).toThrow(/invalid tenant id/);
  });

  it("begins every tenant key with the tenant's prefix and reads the tenant back from it", () => {
    fc.assert(
      fc.property(tenantIds, ids, (tenantId, id) => {
        for (const key of tenantKeyStrings(tenantId, id)) {
          expect(key.startsWith(tenantKeyPrefix(tenantId))).toBe(true);
          expect(tenantOfKey(key)).toBe(tenantId);
        }
      }),
    );
  });

  it("never builds a key of one tenant inside another tenant's prefix", () => {
    fc.assert(
      fc.property(tenantIds, tenantIds, ids, (tenantA, tenantB, id) => {
        fc.pre(tenantA !== tenantB);
        const ofA = tenantKeyStrings(tenantA, id);
        const ofB = new Set(tenantKeyStrings(tenantB, id));
        for (const key of ofA) {
          expect(key.startsWith(tenantKeyPrefix(tenantB))).toBe(false);
          expect(ofB.has(key)).toBe(false);
        }
      }),
    );
  });

  it('never builds a platform key that reads as a tenant key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (value) => {
        for (const key of platformKeyStrings(value)) {
          expect(key.startsWith(PLATFORM_KEY_PREFIX)).toBe(true);
          expect(tenantOfKey(key)).toBeUndefined();
        }
      }),
    );
  });
});
