import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@nhip/audit';
import { ApiTokenEntity, MembershipEntity, UserEntity } from '@nhip/database';
import { QueueModule } from '@nhip/queue';
import { AccessPolicy } from './access-policy.service';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';
import { UserService } from './user.service';
import { AgencyService } from './agency.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ApiTokenEntity, MembershipEntity]), AuditModule, QueueModule],
  providers: [PasswordHasher, TokenService, LoginService, AccessPolicy, UserService, AgencyService],
  exports: [PasswordHasher, TokenService, LoginService, AccessPolicy, UserService, AgencyService],
})
export class IdentityModule {}
