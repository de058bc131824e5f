export * from './principal';
export * from './password-hasher';
export * from './token.service';
export * from './login.service';
export * from './access-policy.service';
export * from './user.service';
export * from './agency.service';
export * from './identity.module';
