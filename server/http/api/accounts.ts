import type { Request } from 'express';
import { issueToken, listTokens, revokeToken, rotateTokens, type TokenRequest, type TokenRotation } from '../../domain/accounts/api-tokens.ts';
import { createUserAs, disableUser, type AccountOptions, type NewUser } from '../../domain/accounts/users.ts';
import type { AppContext } from '../context.ts';
import { actingOf } from '../acting.ts';
import { actorOf } from '../middleware/authorize.ts';
import { presentIssuedToken, presentToken, presentUser } from '../presenters/account.ts';
import type { RouteDef } from './route.ts';

/** Accounts: users and their API tokens. Admins manage every account; a user lists and revokes their own tokens. */
export function accountsRoutes({ store, config }: AppContext): RouteDef[] {
  const options: AccountOptions = { tokenLifetimeDays: config.tokenLifetimeDays };
  const tag = 'Accounts';
  const userId = (req: Request) => String(req.params.id);
  return [
    {
      method: 'post', path: '/users', tag, policy: 'user.create', summary: 'Create a user (and their organisation when new) with a first token',
      body: 'urn:irru:api:new-user', success: { status: 201, description: 'The user and their token, shown this once' },
      handler: async function createAccount(req, res) {
        const { user, token, tokenId } = await createUserAs(store, actingOf(req, res), req.body as NewUser, options);
        res.status(201).json({ user: presentUser(user), tokenId, token });
      },
    },
    {
      method: 'post', path: '/users/{id}/disable', tag, policy: 'user.disable', summary: 'Disable a user: their tokens stop authenticating at once',
      success: { status: 200, description: 'The disabled user' },
      handler: async function disableAccount(req, res) {
        res.json(presentUser(await disableUser(store, actingOf(req, res), userId(req))));
      },
    },
    {
      method: 'get', path: '/users/{id}/tokens', tag, policy: 'token.list', summary: 'A user\'s tokens (admins, or the user)',
      success: { status: 200, description: 'Every token, newest first, without hashes' },
      handler: async function listUserTokens(req, res) {
        res.json({ tokens: (await listTokens(store, actorOf(res), userId(req))).map((token) => presentToken(token)) });
      },
    },
    {
      method: 'post', path: '/users/{id}/tokens', tag, policy: 'token.issue', summary: 'Issue a new token to a user',
      body: 'urn:irru:api:token-request', success: { status: 201, description: 'The token, shown this once' },
      handler: async function issueUserToken(req, res) {
        res.status(201).json(presentIssuedToken(await issueToken(store, actingOf(req, res), userId(req), req.body as TokenRequest, options)));
      },
    },
    {
      method: 'post', path: '/users/{id}/tokens/rotate', tag, policy: 'token.rotate', summary: 'Rotate: issue a new token and revoke the old one(s) at once',
      body: 'urn:irru:api:token-rotation', success: { status: 201, description: 'The new token, shown this once, and the revoked ids' },
      handler: async function rotateUserTokens(req, res) {
        const rotated = await rotateTokens(store, actingOf(req, res), userId(req), req.body as TokenRotation, options);
        res.status(201).json({ ...presentIssuedToken(rotated), revoked: rotated.revoked });
      },
    },
    {
      method: 'post', path: '/tokens/{id}/revoke', tag, policy: 'token.revoke', summary: 'Revoke a token (admins, or its owner)',
      success: { status: 200, description: 'The revoked token' },
      handler: async function revokeApiToken(req, res) {
        res.json(presentToken(await revokeToken(store, actingOf(req, res), String(req.params.id))));
      },
    },
    {
      method: 'get', path: '/me/tokens', tag, policy: 'token.list', summary: 'The caller\'s own tokens',
      success: { status: 200, description: 'Every token of the caller, newest first' },
      handler: async function listOwnTokens(_req, res) {
        const actor = actorOf(res);
        res.json({ tokens: (await listTokens(store, actor, actor.userId)).map((token) => presentToken(token)) });
      },
    },
  ];
}
