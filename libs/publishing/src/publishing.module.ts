import { Module } from '@nestjs/common';
import { PublicationPlanner } from './publication-planner';

@Module({ providers: [PublicationPlanner], exports: [PublicationPlanner] })
export class PublishingModule {}
